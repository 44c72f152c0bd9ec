using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using GitOrch.Cli.Output;
using GitOrch.Engine.Security;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch token create|list|revoke</c>: the join tokens of a cluster made by <c>gitorch init</c>.</summary>
public static class TokenCommand
{
    public static Command Create(TextWriter output)
    {
        var directory = ClusterFlags.Directory();
        var ttl = new Option<TimeSpan>("--ttl") { Description = "How long the token is valid", DefaultValueFactory = _ => JoinTokens.DefaultLifetime };
        var singleUse = new Option<bool>("--single-use") { Description = "The token admits one machine only" };
        var description = new Option<string?>("--description") { Description = "What the token is for, shown by token list" };
        var create = new Command("create", "Make a join token and print the join command that uses it") { directory, ttl, singleUse, description };
        create.SetGuardedAction(async (parse, _) =>
        {
            var cluster = Existing(parse.GetValue(directory)!);
            var token = cluster.Tokens.Create(parse.GetValue(ttl), parse.GetValue(singleUse), parse.GetValue(description), DateTimeOffset.UtcNow);
            await output.WriteLineAsync(token);
            await output.WriteLineAsync($"join with: gitorch join --token {token} --server https://SERVER:7443 --ca-cert-hash {CaHash(cluster)} --node NODE");
            return ExitCodes.Success;
        });

        var listDirectory = ClusterFlags.Directory();
        var format = CommonOptions.Output("table", "json", "yaml");
        var list = new Command("list", "List the join tokens: id, state, expiry, use") { listDirectory, format };
        list.SetGuardedAction(async (parse, _) =>
        {
            var tokens = Existing(parse.GetValue(listDirectory)!).Tokens.List();
            var now = DateTimeOffset.UtcNow;
            var rows = tokens.Select(token => new { token.Id, State = token.State(now), token.Expires, token.SingleUse, token.Description }).ToList();
            if (!StructuredOutput.TryWrite(output, parse.GetValue(format)!, rows))
                TextTable.Write(output, ["ID", "STATE", "EXPIRES", "USAGE", "DESCRIPTION"],
                    rows.Select(row => (IEnumerable<string>)[row.Id, row.State, row.Expires.ToString("u"), row.SingleUse ? "single-use" : "many", row.Description ?? ""]));
            return ExitCodes.Success;
        });

        var revokeDirectory = ClusterFlags.Directory();
        var id = new Argument<string>("id") { Description = "The token's id: the part before the dot" };
        var revoke = new Command("revoke", "Revoke a join token at once") { revokeDirectory, id };
        revoke.SetGuardedAction(async (parse, _) =>
        {
            Existing(parse.GetValue(revokeDirectory)!).Tokens.Revoke(parse.GetValue(id)!);
            await output.WriteLineAsync($"join token {parse.GetValue(id)} revoked");
            return ExitCodes.Success;
        });
        return new Command("token", "Manage the join tokens new machines join with") { create, list, revoke };
    }

    public static string CaHash(ClusterDirectory cluster)
    {
        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(cluster.CaCertificate));
        return ClusterAuthority.PublicKeyHashOf(authority);
    }

    private static ClusterDirectory Existing(string directory)
    {
        var cluster = new ClusterDirectory(directory);
        return File.Exists(cluster.CaCertificate) ? cluster : throw new ArgumentException($"--dir {directory} holds no cluster; run gitorch init first");
    }
}
