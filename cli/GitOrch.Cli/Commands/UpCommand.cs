using System.CommandLine;
using GitOrch.Agent;
using GitOrch.Engine;
using GitOrch.Engine.Git;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch up</c>: the whole system in one process on one machine.</summary>
public static class UpCommand
{
    public static Command Create(TextWriter output)
    {
        var repo = CommonOptions.Repo(required: true);
        var revision = CommonOptions.Revision();
        var interval = CommonOptions.SyncInterval();
        var runtime = CommonOptions.Runtime();
        var node = new Option<string>("--node") { Description = "The local node's name", DefaultValueFactory = _ => Environment.MachineName.ToLowerInvariant() };
        var command = new Command("up", "Run the engine, controllers, scheduler and a local agent in one process, syncing from Git")
        {
            repo, revision, interval, runtime, node,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var repository = ManifestRepository.Open(parse.GetValue(repo)!);
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(CommonOptions.Store), cancellationToken);
            using var loggers = Logging.Create();
            var client = new ObjectClient(store);
            var agentOptions = new AgentOptions
            {
                NodeName = parse.GetValue(node)!,
                Runtime = parse.GetValue(runtime)!,
                StateDirectory = StoreLocator.Home,
            };
            await output.WriteLineAsync($"GitOrch up: store {store.Description}, repo {repository.GitDirectory} " +
                                        $"(path '{repository.Subdirectory}', rev {parse.GetValue(revision)}), node {agentOptions.NodeName}. Ctrl-C stops.");
            var sync = new GitSyncLoop(repository, client, loggers.CreateLogger<GitSyncLoop>(), parse.GetValue(revision)!, parse.GetValue(interval));
            await Task.WhenAll(
                sync.RunAsync(cancellationToken),
                ControlPlane.RunAsync(client, loggers, cancellationToken),
                NodeAgent.RunAsync(client, agentOptions, loggers, cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }
}
