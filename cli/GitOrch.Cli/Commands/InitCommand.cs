using System.CommandLine;
using GitOrch.Engine.Security;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch init</c>: on the first server machine, create the cluster CA, the store's TLS certificate,
/// a nats-server configuration with one NKey user per role, and a credentials file for each identity.
/// </summary>
public static class InitCommand
{
    public static Command Create(TextWriter output)
    {
        var directory = ClusterFlags.Directory();
        var name = new Option<string>("--cluster-name") { Description = "Name in the CA certificate", DefaultValueFactory = _ => "gitorch" };
        var listen = new Option<string>("--listen") { Description = "Address and port nats-server listens on", DefaultValueFactory = _ => "0.0.0.0:4222" };
        var serverNames = new Option<string[]>("--server-name")
        {
            Description = "DNS name or IP address clients use to reach the store, for its TLS certificate (repeatable)",
            DefaultValueFactory = _ => ["localhost", "127.0.0.1", Environment.MachineName],
            AllowMultipleArgumentsPerToken = true,
        };
        var nodes = new Option<string[]>("--node") { Description = "Node to make an agent credential for (repeatable; more later with 'gitorch credentials create')", AllowMultipleArgumentsPerToken = true };
        var command = new Command("init", "Create a cluster's CA, TLS certificate, nats-server configuration and role credentials")
        {
            directory, name, listen, serverNames, nodes,
        };
        command.SetGuardedAction(async (parse, _) =>
        {
            var cluster = new ClusterDirectory(parse.GetValue(directory)!);
            var listenAddress = parse.GetValue(listen)!;
            cluster.Initialize(parse.GetValue(name)!, parse.GetValue(serverNames)!, listenAddress, parse.GetValue(nodes) ?? [], DateTimeOffset.UtcNow);
            var port = listenAddress[(listenAddress.LastIndexOf(':') + 1)..];
            var host = parse.GetValue(serverNames)![0];
            var token = cluster.Tokens.Create(JoinTokens.DefaultLifetime, singleUse: false, "made by init", DateTimeOffset.UtcNow);
            await output.WriteLineAsync($"""
                Cluster initialised in {cluster.Root}
                  CA:             {cluster.CaCertificate} (its key, ca.key, never leaves this machine)
                  credentials:    {cluster.CredentialsDirectory}/ (admin, server, viewer, ci, and one per agent)
                  secrets key:    {cluster.SecretsKey} (give it to the server and agents as GITORCH_SECRETS_KEY_FILE)
                  sealing key:    {cluster.SealingKey} (give it to the server as GITORCH_SEALING_KEY_FILE)
                  public key:     {SealingKey.PublicPath(cluster.SealingKey)} (share it: gitorch seal --cert it -f secret.yaml)

                Start the store:
                  nats-server -c {cluster.NatsConfig}
                Start the server:
                  gitorch server --store "tls://{host}:{port}?credentials={cluster.CredentialsFor("server")}"
                On each node, with its credentials file copied there:
                  gitorch agent --node NODE --store "tls://{host}:{port}?credentials=/path/to/agent-NODE.yaml"
                Or let nodes join: start the server with --join-listen 0.0.0.0:7443 --dir {cluster.Root}, then on each node:
                  gitorch join --token {token} --server https://{host}:7443 --ca-cert-hash {TokenCommand.CaHash(cluster)} --node NODE
                (the token is valid for 24 hours; make more with gitorch token create)
                """);
            return ExitCodes.Success;
        });
        return command;
    }
}
