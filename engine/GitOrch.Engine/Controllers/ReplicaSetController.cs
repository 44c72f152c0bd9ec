using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using Microsoft.Extensions.Logging;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Keeps each ReplicaSet's number of pods. Orphan pods its selector matches are adopted and owned pods
/// it no longer matches are released; missing pods are created in slow-start batches; extra pods go
/// unscheduled first, then not ready, then newest.
/// </summary>
public sealed class ReplicaSetController(ControllerContext context) : Controller(context)
{
    private readonly PodOwnership _ownership = new(context.Informers);

    protected override KindInfo Primary => Kinds.ReplicaSet;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Pod];

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var replicaSet = CachedPrimary<ReplicaSet>(ns, name);
        if (replicaSet is null) return ReconcileResult.Done;
        var writes = _ownership.NewWrites(Client);
        var pods = await _ownership.ClaimAsync(replicaSet, replicaSet.Spec.Selector, writes, Logger, cancellationToken);
        var active = pods.Where(pod => !PodConditions.IsFinished(pod)).ToList();
        var desired = replicaSet.Spec.Replicas ?? 1;

        if (active.Count < desired)
        {
            active.AddRange(await SlowStart.CreateAsync(desired - active.Count, () =>
                writes.CreateAsync(PodFactory.FromTemplate(replicaSet, replicaSet.Spec.Template, $"{replicaSet.Name}-{RandomSuffix.Next()}"), cancellationToken),
                cancellationToken));
            Logger.LogInformation("Replicaset {Namespace}/{Name} scaled up to {Count} pods", ns, name, desired);
        }
        else if (active.Count > desired)
        {
            foreach (var pod in DeletionOrder(active).Take(active.Count - desired).ToList())
            {
                await writes.DeleteAsync(pod, cancellationToken);
                active.Remove(pod);
            }
            Logger.LogInformation("Replicaset {Namespace}/{Name} scaled down to {Count} pods", ns, name, desired);
        }
        await writes.SeenAsync(cancellationToken);
        return await WriteStatusAsync(replicaSet, active, cancellationToken);
    }

    private async Task<ReconcileResult> WriteStatusAsync(ReplicaSet replicaSet, IReadOnlyList<Pod> active, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var minReady = replicaSet.Spec.MinReadySeconds ?? 0;
        var ready = active.Where(PodConditions.IsReady).ToList();
        var status = new ReplicaSetStatus
        {
            Replicas = active.Count,
            ReadyReplicas = ready.Count,
            AvailableReplicas = ready.Count(pod => PodConditions.IsAvailable(pod, minReady, now)),
            ObservedGeneration = replicaSet.Metadata.Generation,
        };
        if (status != replicaSet.Status)
            await Client.PutStatusAsync(replicaSet, status, cancellationToken);
        // A pod that is ready but not yet for minReadySeconds becomes available without any event.
        var soonest = ready.Select(pod => PodConditions.UntilAvailable(pod, minReady, now)).Where(wait => wait > TimeSpan.Zero).DefaultIfEmpty().Min();
        return soonest > TimeSpan.Zero ? ReconcileResult.After(soonest) : ReconcileResult.Done;
    }

    /// <summary>Unscheduled pods go first, then pending, then not ready, then the newest.</summary>
    public static IEnumerable<Pod> DeletionOrder(IEnumerable<Pod> pods) =>
        pods.OrderBy(pod => pod.Spec.NodeName is null ? 0 : 1)
            .ThenBy(pod => pod.Status?.Phase is null or PodPhases.Pending ? 0 : 1)
            .ThenBy(pod => PodConditions.IsReady(pod) ? 1 : 0)
            .ThenByDescending(pod => pod.Metadata.CreationTimestamp);
}
