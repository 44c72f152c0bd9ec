using System.CommandLine;
using GitOrch.Engine;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch server</c>: the engine's Git sync, the controllers and the scheduler.</summary>
public static class ServerCommand
{
    public static Command Create(TextWriter output)
    {
        var sync = new SyncOptions(defaultListen: "127.0.0.1:7480");
        var command = new Command("server", "Run the Git sync, controllers and scheduler against a store");
        sync.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var repository = sync.OpenRepository(parse);
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(CommonOptions.Store), cancellationToken);
            using var loggers = Logging.Create();
            var client = new ObjectClient(store);
            await output.WriteLineAsync($"GitOrch server: store {store.Description}, repo {repository.Location}, webhook {parse.GetValue(sync.Listen) ?? "off"}");
            var syncing = await sync.StartAsync(parse, repository, client, loggers, cancellationToken);
            await Task.WhenAll(
                syncing,
                ControlPlane.RunAsync(client, loggers, cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }
}
