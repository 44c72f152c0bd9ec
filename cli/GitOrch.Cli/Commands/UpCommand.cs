using System.CommandLine;
using GitOrch.Agent;
using GitOrch.Engine;
using GitOrch.Engine.Runtime;
using GitOrch.Store;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch up</c>: the whole system in one process on one machine.</summary>
public static class UpCommand
{
    public static Command Create(TextWriter output)
    {
        var sync = new SyncOptions(defaultListen: null);
        var controlPlane = new ControlPlaneFlags();
        var agent = new AgentFlags();
        var runtime = CommonOptions.Runtime();
        var node = new Option<string>("--node") { Description = "The local node's name", DefaultValueFactory = _ => Environment.MachineName.ToLowerInvariant() };
        var command = new Command("up", "Run the engine, controllers, scheduler and a local agent in one process, syncing from Git") { runtime, node };
        sync.AddTo(command);
        controlPlane.AddTo(command);
        agent.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var repository = sync.OpenRepository(parse);
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(CommonOptions.Store), cancellationToken);
            using var loggers = Logging.Create();
            var client = new ObjectClient(store);
            var agentOptions = agent.Apply(parse, new AgentOptions
            {
                NodeName = parse.GetValue(node)!,
                Runtime = parse.GetValue(runtime)!,
                StateDirectory = StoreLocator.Home,
            });
            await output.WriteLineAsync($"GitOrch up: store {store.Description}, repo {repository.Location} " +
                                        $"(path '{repository.Subdirectory}', rev {parse.GetValue(sync.Revision)}), node {agentOptions.NodeName}. Ctrl-C stops.");
            await using var prepared = await sync.PrepareAsync(parse, repository, client, loggers, cancellationToken);
            await Task.WhenAll(
                prepared.Loop.RunAsync(cancellationToken),
                ControlPlane.RunAsync(ControllerContext.Create(client, loggers, controlPlane.Read(parse)), cancellationToken),
                NodeAgent.RunAsync(client, agentOptions, loggers, cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }
}
