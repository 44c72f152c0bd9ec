using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Security;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch seal</c>: encrypts Secret manifests into SealedSecrets that are safe to commit.</summary>
public static class SealCommand
{
    public static Command Create(TextWriter output)
    {
        var file = new Option<string>("--filename", "-f") { Description = "The Secret manifest to seal ('-' reads standard input)", Required = true };
        var certificate = new Option<FileInfo?>("--cert")
        {
            Description = "The cluster's public sealing key (sealing.pub from 'gitorch init'); default: the public half of this machine's sealing key",
        };
        var format = CommonOptions.Output("yaml", "json");
        var command = new Command("seal", "Encrypt Secrets to the cluster's sealing key, as SealedSecret manifests to commit; each value opens only in its own namespace and name")
        {
            file, certificate, format,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var text = path == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await ReadAsync(path, cancellationToken);
            var secrets = ManifestLoader.Load(path == "-" ? "<stdin>" : path, text).Select(loaded => loaded.Object is Secret secret ? secret
                : throw new ManifestException(loaded.Path, loaded.Line, loaded.Column, $"seal takes Secrets; this is a {loaded.Object.Kind}")).ToList();
            using var key = parse.GetValue(certificate) is { } publicKey
                ? SealingKey.LoadPublic(publicKey.FullName)
                : SealingKey.LoadPrivate(SealingKey.DefaultPath, createIfMissing: true);
            var documents = secrets.Select(secret => ObjectJson.ToNode(SecretSealer.Seal(secret, key))).ToList();
            var yaml = parse.GetValue(format) == "yaml";
            await output.WriteAsync(string.Join(yaml ? "---\n" : "\n", documents.Select(node => yaml ? ObjectYaml.ToText(node) : ObjectJson.ToText(node) + "\n")));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--filename {path}: {e.Message}");
        }
    }
}
