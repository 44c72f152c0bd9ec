using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>Creates and deletes pods so that each ReplicaSet owns exactly its desired number.</summary>
public sealed class ReplicaSetController(ObjectClient client, ILogger<ReplicaSetController> logger) : Controller(client, logger)
{
    protected override KindInfo Primary => Kinds.ReplicaSet;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Pod];

    protected override async Task ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var replicaSet = await Client.GetAsync<ReplicaSet>(ns, name, cancellationToken);
        if (replicaSet is null) return;
        var pods = (await Client.ListAsync<Pod>(ns, cancellationToken: cancellationToken))
            .Where(pod => pod.IsOwnedBy(replicaSet)).ToList();
        var desired = replicaSet.Spec.Replicas ?? 1;

        for (var i = pods.Count; i < desired; i++)
        {
            var pod = await Client.CreateAsync(NewPod(replicaSet), cancellationToken);
            Logger.LogInformation("Created pod {Pod}", pod.Name);
        }
        var ordered = DeletionOrder(pods).ToList();
        var excess = Math.Max(0, pods.Count - desired);
        foreach (var pod in ordered.Take(excess))
        {
            await Client.DeleteAsync(pod, cancellationToken);
            Logger.LogInformation("Deleted pod {Pod}", pod.Name);
        }

        // After the writes above the set owns exactly the desired pods; the kept ones tell readiness.
        var ready = ordered.Skip(excess).Count(PodConditions.IsReady);
        var status = new ReplicaSetStatus
        {
            Replicas = desired,
            ReadyReplicas = ready,
            AvailableReplicas = ready,
            ObservedGeneration = replicaSet.Metadata.Generation,
        };
        if (status != replicaSet.Status)
            await Client.PutStatusAsync(replicaSet, status, cancellationToken);
    }

    /// <summary>Unscheduled pods go first, then pods that are not ready, then the newest.</summary>
    private static IEnumerable<Pod> DeletionOrder(IEnumerable<Pod> pods) =>
        pods.OrderBy(pod => pod.Spec.NodeName is null ? 0 : 1)
            .ThenBy(pod => PodConditions.IsReady(pod) ? 1 : 0)
            .ThenByDescending(pod => pod.Metadata.CreationTimestamp);

    private static Pod NewPod(ReplicaSet replicaSet) => new()
    {
        ApiVersion = Kinds.Pod.ApiVersion,
        Kind = Kinds.Pod.Kind,
        Metadata = new ObjectMeta
        {
            Name = $"{replicaSet.Name}-{RandomSuffix.Next()}",
            Namespace = replicaSet.Namespace,
            Labels = replicaSet.Spec.Template.Metadata.Labels,
            Annotations = replicaSet.Spec.Template.Metadata.Annotations,
            OwnerReferences = [replicaSet.AsControllerReference()],
        },
        Spec = replicaSet.Spec.Template.Spec,
    };
}
