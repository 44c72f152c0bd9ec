using System.CommandLine;
using GitOrch.Engine;
using GitOrch.Engine.Git;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch server</c>: the engine's Git sync, the controllers and the scheduler.</summary>
public static class ServerCommand
{
    public static Command Create(TextWriter output)
    {
        var repo = CommonOptions.Repo(required: true);
        var revision = CommonOptions.Revision();
        var interval = CommonOptions.SyncInterval();
        var command = new Command("server", "Run the Git sync, controllers and scheduler against a store") { repo, revision, interval };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var repository = ManifestRepository.Open(parse.GetValue(repo)!);
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(CommonOptions.Store), cancellationToken);
            using var loggers = Logging.Create();
            var client = new ObjectClient(store);
            await output.WriteLineAsync($"GitOrch server: store {store.Description}, repo {repository.GitDirectory}");
            var sync = new GitSyncLoop(repository, client, loggers.CreateLogger<GitSyncLoop>(), parse.GetValue(revision)!, parse.GetValue(interval));
            await Task.WhenAll(sync.RunAsync(cancellationToken), ControlPlane.RunAsync(client, loggers, cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }
}
