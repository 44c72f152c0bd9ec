using System.CommandLine;
using GitOrch.Engine.Security;
using GitOrch.Store.Access;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch credentials create</c>: add an identity to a cluster made by <c>gitorch init</c>.</summary>
public static class CredentialsCommand
{
    public static Command Create(TextWriter output)
    {
        var directory = ClusterFlags.Directory();
        var role = new Option<string>("--role") { Description = "The identity's role", Required = true };
        role.AcceptOnlyFromAmong([.. StoreRoles.Names]);
        var node = new Option<string?>("--node") { Description = "The node an agent credential is bound to" };
        var name = new Option<string?>("--name") { Description = "The person a user credential is for: the User name RoleBindings in Git name" };
        var create = new Command("create", "Write a credentials file for a new identity and add it to nats.conf") { directory, role, node, name };
        create.SetGuardedAction(async (parse, _) =>
        {
            var cluster = new ClusterDirectory(parse.GetValue(directory)!);
            var path = cluster.AddIdentity(parse.GetValue(role)!, parse.GetValue(role) == StoreRoles.User ? parse.GetValue(name) : parse.GetValue(node));
            await output.WriteLineAsync($"""
                wrote {path}
                reload the store to admit it: nats-server --signal reload
                """);
            return ExitCodes.Success;
        });
        return new Command("credentials", "Manage the identities of a cluster made by 'gitorch init'") { create };
    }
}
