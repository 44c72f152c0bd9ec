using System.CommandLine;
using GitOrch.Engine;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch server</c>: the engine's Git sync, the controllers and the scheduler. Several servers may
/// share one store; a lease elects the one that acts, and the others wait to take over.
/// </summary>
public static class ServerCommand
{
    public static Command Create(TextWriter output)
    {
        var sync = new SyncOptions(defaultListen: "127.0.0.1:7480");
        var controlPlane = new ControlPlaneFlags();
        var command = new Command("server", "Run the Git sync, controllers and scheduler against a store; with several servers, one leads");
        sync.AddTo(command);
        controlPlane.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var repository = sync.OpenRepository(parse);
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            using var loggers = Logging.Create();
            var client = new ObjectClient(store);
            var context = ControllerContext.Create(client, loggers, controlPlane.Read(parse));
            var election = new LeaderElection(store, $"{Environment.MachineName}-{Environment.ProcessId}", TimeProvider.System, loggers.CreateLogger<LeaderElection>());
            await output.WriteLineAsync($"GitOrch server {election.Identity}: store {store.Description}, repo {repository.Location}, webhook {parse.GetValue(sync.Listen) ?? "off"}");
            await using var prepared = await sync.PrepareAsync(parse, repository, client, loggers, cancellationToken);
            await election.RunAsync(leading => Task.WhenAll(prepared.Loop.RunAsync(leading), ControlPlane.RunAsync(context, leading)), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
