using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using Microsoft.Extensions.Logging;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Keeps an owner's number of pods: a ReplicaSet's, or a ReplicationController's. Orphan pods its
/// selector matches are adopted and owned pods it no longer matches are released; missing pods are
/// created in slow-start batches; extra pods go unscheduled first, then not ready, then newest.
/// </summary>
public abstract class PodCountController(ControllerContext context) : Controller(context)
{
    private readonly PodOwnership _ownership = new(context.Informers);

    /// <summary>What one owner asks for, whichever kind it is.</summary>
    protected sealed record Wanted(KubeObject Owner, LabelSelector? Selector, int Replicas, int MinReadySeconds, PodTemplateSpec Template, ReplicaSetStatus? Status);

    protected override IReadOnlyList<KindInfo> Related => [Kinds.Pod];

    /// <summary>The owner from the cache, or null when it is gone.</summary>
    protected abstract Wanted? Find(string ns, string name);

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (Find(ns, name) is not { } wanted) return ReconcileResult.Done;
        var owner = wanted.Owner;
        var writes = _ownership.NewWrites(Client);
        var pods = await _ownership.ClaimAsync(owner, wanted.Selector, writes, Logger, cancellationToken);
        var active = pods.Where(pod => !PodConditions.IsFinished(pod)).ToList();

        var refused = false;
        if (active.Count < wanted.Replicas)
        {
            var admitted = await PodAdmission.AdmitAsync(Context, owner, wanted.Template, wanted.Replicas - active.Count, cancellationToken);
            refused = admitted.Pods < wanted.Replicas - active.Count;
            active.AddRange(await SlowStart.CreateAsync(admitted.Pods, () =>
                writes.CreateAsync(PodFactory.FromTemplate(owner, admitted.Template, $"{owner.Name}-{RandomSuffix.Next()}"), cancellationToken),
                cancellationToken));
            Logger.LogInformation("{Kind} {Namespace}/{Name} scaled up to {Count} pods", owner.Kind, ns, name, active.Count);
        }
        else if (active.Count > wanted.Replicas)
        {
            foreach (var pod in DeletionOrder(active).Take(active.Count - wanted.Replicas).ToList())
            {
                await writes.DeleteAsync(pod, cancellationToken);
                active.Remove(pod);
            }
            Logger.LogInformation("{Kind} {Namespace}/{Name} scaled down to {Count} pods", owner.Kind, ns, name, wanted.Replicas);
        }
        await writes.SeenAsync(cancellationToken);
        var result = await WriteStatusAsync(wanted, active, cancellationToken);
        return refused ? ReconcileResult.After(PodAdmission.RetryAfter) : result;
    }

    private async Task<ReconcileResult> WriteStatusAsync(Wanted wanted, IReadOnlyList<Pod> active, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var minReady = wanted.MinReadySeconds;
        var ready = active.Where(PodConditions.IsReady).ToList();
        var status = new ReplicaSetStatus
        {
            Replicas = active.Count,
            ReadyReplicas = ready.Count,
            AvailableReplicas = ready.Count(pod => PodConditions.IsAvailable(pod, minReady, now)),
            ObservedGeneration = wanted.Owner.Metadata.Generation,
        };
        if (status != wanted.Status)
            await Client.PutStatusAsync(wanted.Owner, status, cancellationToken);
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
