using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Engine.Reconciling;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Gives each Node a block of the cluster's pod range in spec.podCIDR, the lowest one no other node
/// holds. Agents wait for it before they start pods, and route to every other node's block. A deleted
/// node's block is free again for the next node to join.
/// </summary>
public sealed class PodCidrAllocator(ControllerContext context) : Controller(context)
{
    /// <summary>One allocation at a time, so two workers never hand out the same block.</summary>
    private readonly SemaphoreSlim _allocating = new(1, 1);

    protected override KindInfo Primary => Kinds.Node;

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (CachedPrimary<Node>(ns, name) is not { Spec.PodCIDR: null }) return ReconcileResult.Done;
        await _allocating.WaitAsync(cancellationToken);
        try
        {
            var nodes = await Client.ListAsync<Node>(cancellationToken: cancellationToken);
            if (nodes.FirstOrDefault(n => n.Name == name) is not { Spec.PodCIDR: null } node) return ReconcileResult.Done;
            var taken = nodes.Select(n => n.Spec.PodCIDR).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var ranges = Context.Options.PodNetwork;
            if (ranges.NodeBlocks().Select(block => block.ToString()).FirstOrDefault(block => !taken.Contains(block)) is not { } free)
            {
                await Events.RecordAsync(node, EventTypes.Warning, "CIDRNotAvailable", $"the cluster CIDR {ranges.ClusterCidr} has no free /{ranges.NodeMaskSize} block for node {name}", cancellationToken);
                return ReconcileResult.Done;
            }
            var annotations = new Dictionary<string, string>(node.Metadata.Annotations ?? []) { [WellKnown.ClusterCidr] = ranges.ClusterCidr.ToString() };
            await Client.UpdateAsync(node with { Metadata = node.Metadata with { Annotations = annotations }, Spec = node.Spec with { PodCIDR = free } }, node, cancellationToken);
            Logger.LogInformation("Node {Node} gets pod CIDR {Cidr}", name, free);
            return ReconcileResult.Done;
        }
        finally
        {
            _allocating.Release();
        }
    }
}
