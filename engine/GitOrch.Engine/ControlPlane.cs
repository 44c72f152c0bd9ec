using GitOrch.Engine.Controllers;
using GitOrch.Engine.Controllers.Deployments;
using GitOrch.Engine.Reconciling;
using GitOrch.Engine.Scheduler;

namespace GitOrch.Engine;

/// <summary>Runs every controller and the scheduler against one store until cancelled.</summary>
public static class ControlPlane
{
    public static Task RunAsync(ControllerContext context, CancellationToken cancellationToken) =>
        Task.WhenAll(
            new DeploymentController(context).RunAsync(cancellationToken),
            new ReplicaSetController(context).RunAsync(cancellationToken),
            new ReplicationControllerController(context).RunAsync(cancellationToken),
            new StatefulSetController(context).RunAsync(cancellationToken),
            new DaemonSetController(context).RunAsync(cancellationToken),
            new JobController(context).RunAsync(cancellationToken),
            new CronJobController(context).RunAsync(cancellationToken),
            new EndpointsController(context).RunAsync(cancellationToken),
            new LoadBalancerStatusController(context).RunAsync(cancellationToken),
            new IngressStatusController(context).RunAsync(cancellationToken),
            new NodeLifecycleController(context).RunAsync(cancellationToken),
            new PodCidrAllocator(context).RunAsync(cancellationToken),
            new PodScheduler(context).RunAsync(cancellationToken),
            new PodStatusRelay(context).RunAsync(cancellationToken),
            new GarbageCollector(context).RunAsync(cancellationToken),
            new NamespaceController(context).RunAsync(cancellationToken),
            new ServiceAccountController(context).RunAsync(cancellationToken),
            new DefaultStorageClassController(context).RunAsync(cancellationToken),
            new PersistentVolumeBinder(context).RunAsync(cancellationToken),
            new HorizontalPodAutoscalerController(context).RunAsync(cancellationToken),
            new ResourceQuotaController(context).RunAsync(cancellationToken),
            new EventCleaner(context).RunAsync(cancellationToken));
}
