using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using GitOrch.Engine.Scheduler;
using Microsoft.Extensions.Logging;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Runs one pod of a DaemonSet on every eligible node: one whose labels match the template's node
/// selector and affinity and whose taints the template tolerates. Nodes that join get a pod; nodes
/// that leave or stop matching lose it. A template change replaces pods node by node, at most
/// maxUnavailable of them not ready at a time.
/// </summary>
public sealed class DaemonSetController(ControllerContext context) : Controller(context)
{
    private readonly PodOwnership _ownership = new(context.Informers);

    protected override KindInfo Primary => Kinds.DaemonSet;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Pod, Kinds.Node];

    /// <summary>
    /// A node's spec or labels decide eligibility, so its spec changes wake every DaemonSet; its status
    /// changes (a heartbeat every 10 s per node) do not.
    /// </summary>
    protected override IEnumerable<string> PrimaryKeysFor(KindInfo related, string key, KubeObject? before, KubeObject? after) =>
        related != Kinds.Node ? base.PrimaryKeysFor(related, key, before, after)
        : before?.Metadata.ResourceVersion is { } was && was == after?.Metadata.ResourceVersion ? []
        : AllKeys(null);

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var set = CachedPrimary<DaemonSet>(ns, name);
        if (set is null) return ReconcileResult.Done;
        var writes = _ownership.NewWrites(Client);
        var revision = TemplateHash.Of(set.Spec.Template);
        var nodes = Context.Informers.For(Kinds.Node).Objects.OfType<Node>().ToDictionary(node => node.Name);
        var eligible = nodes.Values.Where(node => IsEligible(node, set.Spec.Template)).Select(node => node.Name).ToHashSet();
        var pods = (await _ownership.ClaimAsync(set, set.Spec.Selector, writes, Logger, cancellationToken))
            .Where(pod => !PodConditions.IsFinished(pod)).ToList();

        var byNode = pods.Where(pod => pod.Spec.NodeName is not null).GroupBy(pod => pod.Spec.NodeName!).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Metadata.CreationTimestamp).ToList());
        foreach (var (node, onNode) in byNode)
        {
            var extra = eligible.Contains(node) ? onNode.Skip(1) : onNode;
            foreach (var pod in extra.ToList())
            {
                await writes.DeleteAsync(pod, cancellationToken);
                pods.Remove(pod);
            }
        }
        var missing = eligible.Where(node => !byNode.ContainsKey(node)).ToList();
        var admitted = missing.Count == 0 ? new PodAdmission.Admitted(set.Spec.Template, 0)
            : await PodAdmission.AdmitAsync(Context, set, set.Spec.Template, missing.Count, cancellationToken);
        foreach (var node in missing.Take(admitted.Pods))
        {
            var pod = PodFactory.FromTemplate(set, admitted.Template, $"{set.Name}-{RandomSuffix.Next()}",
                new Dictionary<string, string> { [WellKnown.ControllerRevisionHash] = revision }, spec => spec with { NodeName = node });
            pods.Add(await writes.CreateAsync(pod, cancellationToken));
            Logger.LogInformation("Created daemon pod {Namespace}/{Pod} on {Node}", ns, pod.Name, node);
        }
        await RollAsync(set, writes, pods.Where(pod => eligible.Contains(pod.Spec.NodeName ?? "")).ToList(), revision, eligible.Count, cancellationToken);
        await writes.SeenAsync(cancellationToken);
        await WriteStatusAsync(set, pods, eligible, revision, cancellationToken);
        return admitted.Pods < missing.Count ? ReconcileResult.After(PodAdmission.RetryAfter) : ReconcileResult.Done;
    }

    public static bool IsEligible(Node node, PodTemplateSpec template)
    {
        var probe = new Pod { Spec = template.Spec };
        return NodeFilters.Selector(node, probe) is null && NodeFilters.Taints(node, probe) is null;
    }

    private async Task RollAsync(DaemonSet set, OwnWrites writes, List<Pod> pods, string revision, int desired, CancellationToken cancellationToken)
    {
        if (set.Spec.UpdateStrategy?.Type == "OnDelete") return;
        var maxUnavailable = Math.Max(1, (set.Spec.UpdateStrategy?.RollingUpdate?.MaxUnavailable ?? 1).Scaled(desired, roundUp: false));
        var unavailable = desired - pods.Count(PodConditions.IsReady);
        var outdated = pods.Where(pod => pod.Labels.GetValueOrDefault(WellKnown.ControllerRevisionHash) != revision)
            .OrderBy(pod => PodConditions.IsReady(pod) ? 1 : 0).ThenBy(pod => pod.Spec.NodeName, StringComparer.Ordinal).ToList();
        foreach (var pod in outdated)
        {
            var costsAvailability = PodConditions.IsReady(pod);
            if (costsAvailability && unavailable >= maxUnavailable) break;
            await writes.DeleteAsync(pod, cancellationToken);
            if (costsAvailability) unavailable++;
            Logger.LogInformation("Replacing daemon pod {Namespace}/{Pod} on {Node} with revision {Revision}", set.Namespace, pod.Name, pod.Spec.NodeName, revision);
        }
    }

    private async Task WriteStatusAsync(DaemonSet set, List<Pod> pods, HashSet<string> eligible, string revision, CancellationToken cancellationToken)
    {
        var scheduled = pods.Where(pod => eligible.Contains(pod.Spec.NodeName ?? "")).ToList();
        var ready = scheduled.Count(PodConditions.IsReady);
        var status = new DaemonSetStatus
        {
            DesiredNumberScheduled = eligible.Count,
            CurrentNumberScheduled = scheduled.Count,
            UpdatedNumberScheduled = scheduled.Count(pod => pod.Labels.GetValueOrDefault(WellKnown.ControllerRevisionHash) == revision),
            NumberReady = ready,
            NumberAvailable = ready,
            NumberMisscheduled = pods.Count - scheduled.Count,
            ObservedGeneration = set.Metadata.Generation,
        };
        if (status != set.Status) await Client.PutStatusAsync(set, status, cancellationToken);
    }
}
