using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using Microsoft.Extensions.Logging;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Watches node heartbeats. A node silent for the grace period turns Ready=Unknown and gets the
/// unreachable NoExecute taint; after the eviction timeout its pods are deleted, so their controllers
/// create replacements that the scheduler places elsewhere. A node that heartbeats again loses the taint.
/// </summary>
public sealed class NodeLifecycleController(ControllerContext context) : Controller(context)
{
    protected override KindInfo Primary => Kinds.Node;

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var node = await Client.GetAsync<Node>(null, name, cancellationToken);
        if (node is null || NodeHeartbeats.Ready(node) is not { } ready) return ReconcileResult.Done;
        var now = Clock.GetUtcNow();
        var grace = Context.Options.NodeGracePeriod;
        var silentFor = now - (ready.LastHeartbeatTime ?? now);
        var taint = node.Spec.Taints?.FirstOrDefault(t => t.Key == WellKnown.UnreachableTaint);

        if (silentFor < grace)
        {
            if (taint is not null)
            {
                await SetTaintsAsync(node, node.Spec.Taints!.Where(t => t != taint).ToList(), cancellationToken);
                await Events.RecordAsync(node, EventTypes.Normal, "NodeReady", $"Node {name} is posting heartbeats again", cancellationToken);
            }
            return ReconcileResult.After(grace - silentFor);
        }
        if (ready.Status != "Unknown")
        {
            await Client.PutStatusAsync(node, node.Status! with
            {
                Conditions = node.Status.Conditions!.Select(c => c.Type == NodeHeartbeats.ReadyCondition
                    ? c with { Status = "Unknown", Reason = "NodeStatusUnknown", Message = $"no heartbeat for {silentFor.TotalSeconds:0}s", LastTransitionTime = now }
                    : c).ToList(),
            }, cancellationToken);
            await Events.RecordAsync(node, EventTypes.Warning, "NodeNotReady", $"Node {name} stopped posting heartbeats", cancellationToken);
        }
        if (taint is null)
        {
            taint = new Taint { Key = WellKnown.UnreachableTaint, Effect = "NoExecute", TimeAdded = now };
            await SetTaintsAsync(node, [.. node.Spec.Taints ?? [], taint], cancellationToken);
        }
        var untilEviction = (taint.TimeAdded ?? now) + Context.Options.PodEvictionTimeout - now;
        if (untilEviction > TimeSpan.Zero) return ReconcileResult.After(untilEviction);
        await EvictPodsAsync(node, cancellationToken);
        return ReconcileResult.After(Context.Options.ResyncInterval);
    }

    private Task SetTaintsAsync(Node node, List<Taint> taints, CancellationToken cancellationToken) =>
        Client.UpdateAsync(node with { Spec = node.Spec with { Taints = taints.Count == 0 ? null : taints } }, node, cancellationToken);

    private async Task EvictPodsAsync(Node node, CancellationToken cancellationToken)
    {
        var pods = (await Client.ListAsync<Pod>(cancellationToken: cancellationToken)).Where(pod => pod.Spec.NodeName == node.Name).ToList();
        foreach (var pod in pods)
        {
            await Client.DeleteAsync(pod, cancellationToken);
            await Events.RecordAsync(pod, EventTypes.Warning, "Evicted", $"Node {node.Name} has been unreachable for {Context.Options.PodEvictionTimeout.TotalSeconds:0}s", cancellationToken);
        }
        if (pods.Count > 0) Logger.LogWarning("Evicted {Count} pods from unreachable node {Node}", pods.Count, node.Name);
    }
}
