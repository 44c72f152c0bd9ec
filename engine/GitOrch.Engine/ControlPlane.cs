using GitOrch.Engine.Controllers;
using GitOrch.Engine.Scheduler;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine;

/// <summary>Runs every controller and the scheduler against one store until cancelled.</summary>
public static class ControlPlane
{
    public static Task RunAsync(ObjectClient client, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        Task.WhenAll(
            new DeploymentController(client, loggers.CreateLogger<DeploymentController>()).RunAsync(cancellationToken),
            new ReplicaSetController(client, loggers.CreateLogger<ReplicaSetController>()).RunAsync(cancellationToken),
            new EndpointsController(client, loggers.CreateLogger<EndpointsController>()).RunAsync(cancellationToken),
            new SchedulerController(client, loggers.CreateLogger<SchedulerController>()).RunAsync(cancellationToken),
            new GarbageCollector(client, loggers.CreateLogger<GarbageCollector>()).RunAsync(cancellationToken));
}
