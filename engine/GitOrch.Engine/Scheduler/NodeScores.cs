using GitOrch.Api.Model;

namespace GitOrch.Engine.Scheduler;

/// <summary>How good a feasible node is for a pod; each score runs from 0 to 100 and higher is better.</summary>
public static class NodeScores
{
    /// <summary>The share of cpu and memory left free after placing the pod, averaged.</summary>
    public static double LeastAllocated(NodeInfo node, ResourceAmounts request)
    {
        var (cpu, memory) = Fractions(node, request);
        return (2 - cpu - memory) / 2 * 100;
    }

    /// <summary>Prefers nodes whose cpu and memory would be used in the same proportion.</summary>
    public static double Balanced(NodeInfo node, ResourceAmounts request)
    {
        var (cpu, memory) = Fractions(node, request);
        return (1 - Math.Abs(cpu - memory)) * 100;
    }

    /// <summary>Fewer pods of the same owner already on the node is better.</summary>
    public static double SpreadAcrossNodes(NodeInfo node, string? ownerUid) =>
        ownerUid is null ? 100 : 100.0 / (1 + node.PodsOwnedBy(ownerUid));

    /// <summary>Fewer pods of the same owner already in the node's zone is better.</summary>
    public static double SpreadAcrossZones(int podsOfOwnerInZone) => 100.0 / (1 + podsOfOwnerInZone);

    /// <summary>The weights of the preferred node-affinity terms the node matches, out of all of them.</summary>
    public static double PreferredNodeAffinity(Node node, Pod pod)
    {
        var terms = pod.Spec.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        if (terms is not { Count: > 0 }) return 0;
        var total = terms.Sum(term => term.Weight);
        return total == 0 ? 0 : 100.0 * terms.Where(term => NodeFilters.Matches(term.Preference, node)).Sum(term => term.Weight) / total;
    }

    private static (double Cpu, double Memory) Fractions(NodeInfo node, ResourceAmounts request)
    {
        var allocatable = node.Allocatable;
        var after = node.Requested + request;
        static double Fraction(decimal used, decimal total) => total <= 0 ? 1 : Math.Clamp((double)(used / total), 0, 1);
        return (Fraction(after.MilliCpu, allocatable.MilliCpu), Fraction(after.MemoryBytes, allocatable.MemoryBytes));
    }
}
