using System.CommandLine;
using GitOrch.Engine;
using GitOrch.Cli.Contexts;
using GitOrch.Engine.Reconciling;
using GitOrch.Engine.Security;
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
        var joinListen = new Option<string?>("--join-listen")
        {
            Description = "Serve the join endpoint on this address:port (HTTPS with the store's certificate), so machines can 'gitorch join'; needs the cluster directory",
        };
        var enforceRbac = new Option<bool>("--enforce-rbac")
        {
            Description = "Make the Roles and RoleBindings in the store the store's own permissions for user credentials (renders nats.conf in the cluster directory and reloads the store)",
        };
        var clusterDirectory = ClusterFlags.Directory();
        var dashboardFlags = new DashboardFlags(makesToken: false);
        var command = new Command("server", "Run the Git sync, controllers and scheduler against a store; with several servers, one leads") { joinListen, enforceRbac, clusterDirectory };
        sync.AddTo(command);
        controlPlane.AddTo(command);
        dashboardFlags.AddTo(command);
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
            var cluster = new ClusterDirectory(parse.GetValue(clusterDirectory)!);
            await using var join = parse.GetValue(joinListen) is { } joinAddress
                ? await JoinServer.StartAsync(joinAddress, cluster, StoreAddress(parse), cancellationToken)
                : null;
            if (join is not null) await output.WriteLineAsync($"Join endpoint: https://{parse.GetValue(joinListen)}");
            await using var dashboard = await dashboardFlags.StartAsync(parse, store, repository, parse.InvocationConfiguration.Error, cancellationToken);
            if (dashboard is not null) await output.WriteLineAsync($"Dashboard: {dashboard.Url}/{(dashboard.Token is null ? " (read-only)" : "")}");
            var rbac = parse.GetValue(enforceRbac)
                ? new RbacPermissionSync(context.Informers, cluster, () => StoreReload.Signal(cluster), loggers.CreateLogger<RbacPermissionSync>()).RunAsync(cancellationToken)
                : Task.CompletedTask;
            await election.RunAsync(leading => Task.WhenAll(prepared.Loop.RunAsync(leading), ControlPlane.RunAsync(context, leading)), cancellationToken);
            await rbac;
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The store's address for a joining node: this server's, without its own credentials.</summary>
    private static string StoreAddress(ParseResult parse) => ContextSelection.StoreLocation(parse).Split('?')[0];
}
