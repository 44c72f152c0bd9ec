using System.CommandLine;
using GitOrch.Agent;
using GitOrch.Agent.Runtime;
using GitOrch.Cli.Output;
using GitOrch.Cli.Up;
using GitOrch.Engine;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch up</c>: the whole system in one process on one machine. On a terminal it shows a live
/// view of the sync and the pods and sends its logs to <c>up.log</c>; elsewhere it prints the logs.
/// </summary>
public static class UpCommand
{
    public static Command Create(TextWriter output)
    {
        var sync = new SyncOptions(defaultListen: null);
        var controlPlane = new ControlPlaneFlags();
        var agent = new AgentFlags();
        var dashboardFlags = new DashboardFlags(makesToken: true);
        var runtime = CommonOptions.Runtime();
        var node = new Option<string>("--node") { Description = "The local node's name (default: the host name and a short machine id)", DefaultValueFactory = _ => DefaultNodeName.Current() };
        var detach = new Option<bool>("--detach", "-d") { Description = "Run in the background, logging to up.log in gitorch's home; 'gitorch down' stops it" };
        var command = new Command("up", "Run the engine, controllers, scheduler and a local agent in one process, syncing from Git") { runtime, node, detach };
        sync.AddTo(command);
        controlPlane.AddTo(command);
        agent.AddTo(command);
        dashboardFlags.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(detach))
                return await DetachedUp.StartAsync(parse, detach, output, cancellationToken);

            var live = Terminal.IsInteractive(output);
            var progress = new StartProgress(output, live);
            var repository = sync.OpenRepository(parse);
            await using var store = await progress.StepAsync("opening the store", () => StoreConnector.OpenAsync(parse, cancellationToken));
            var agentOptions = agent.Apply(parse, new AgentOptions
            {
                NodeName = parse.GetValue(node)!,
                Runtime = parse.GetValue(runtime)!,
                StateDirectory = StoreLocator.Home,
            }, () => System.Net.IPAddress.Loopback.ToString());
            agentOptions = agentOptions with
            {
                Runtime = await progress.StepAsync("choosing the container runtime", () => ResolveRuntimeAsync(agentOptions, cancellationToken)),
            };
            var revision = parse.GetValue(sync.Revision)!;
            await using var dashboard = await progress.StepAsync("starting the dashboard",
                () => dashboardFlags.StartAsync(parse, store, repository, parse.InvocationConfiguration.Error, cancellationToken));
            var banner = new UpBanner(store.Description, agentOptions.Runtime, repository.Location, revision, repository.BranchOf(revision),
                agentOptions.NodeName, parse.GetValue(sync.Listen) is { } listen and not "off" ? listen : null, live ? UpPidFile.LogPath : null)
            {
                Dashboard = dashboard is null ? null : (dashboard.Url, dashboard.Token),
            };

            UpPidFile.Claim();
            try
            {
                foreach (var line in banner.Lines()) await output.WriteLineAsync(line);
                using var logFile = live ? UpLog.Redirect(UpPidFile.LogPath) : null;
                using var loggers = Logging.Create();
                var client = new ObjectClient(store);
                var informers = new SharedInformers(client);
                await using var prepared = await progress.StepAsync($"checking that the store follows {repository.Location}",
                    () => sync.PrepareAsync(parse, repository, client, loggers, cancellationToken));
                var parts = new List<Task>
                {
                    prepared.Loop.RunAsync(cancellationToken),
                    ControlPlane.RunAsync(ControllerContext.Create(client, loggers, controlPlane.Read(parse), informers: informers), cancellationToken),
                    NodeAgent.RunAsync(client, agentOptions, loggers, cancellationToken, informers),
                };
                if (live) parts.Add(new UpLiveView(client, output).RunAsync(cancellationToken));
                await Task.WhenAll(parts);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            finally
            {
                UpPidFile.Release();
            }
            await output.WriteLineAsync(banner.Farewell());
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>For the banner and the farewell, "auto" becomes the runtime the agent will pick: docker when a daemon answers.</summary>
    private static async Task<string> ResolveRuntimeAsync(AgentOptions options, CancellationToken cancellationToken)
    {
        if (options.Runtime != "auto") return options.Runtime;
        await using var docker = await DockerRuntime.TryConnectAsync(options, NullLogger.Instance, cancellationToken);
        return docker is null ? "process" : "docker";
    }
}
