using GitOrch.Api.Model;

namespace GitOrch.Engine.Scheduler;

/// <summary>Where a pod goes, or why it cannot go anywhere.</summary>
public sealed record Placement(string? NodeName, string? Reason)
{
    public static Placement On(string node) => new(node, null);
    public static Placement Nowhere(string reason) => new(null, reason);
}

/// <summary>
/// The scheduling decision as a pure function of the pod and a snapshot of nodes and pods. Nodes are
/// filtered by readiness and resource fit, then scored least-allocated first.
/// </summary>
public static class PodPlacement
{
    public static Placement Place(Pod pod, IReadOnlyList<Node> nodes, IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var request = PodResources.Requests(pod);
        var rejections = new Dictionary<string, int>();
        Node? best = null;
        var bestScore = double.MinValue;
        var usedByNode = pods
            .Where(other => other.Spec.NodeName is not null && other.Metadata.Uid != pod.Metadata.Uid)
            .GroupBy(other => other.Spec.NodeName!)
            .ToDictionary(group => group.Key, group => group.Select(PodResources.Requests).Aggregate(ResourceAmounts.Zero, (sum, next) => sum + next));
        foreach (var node in nodes.OrderBy(node => node.Name, StringComparer.Ordinal))
        {
            var used = usedByNode.GetValueOrDefault(node.Name, ResourceAmounts.Zero);
            var allocatable = PodResources.Allocatable(node);
            var rejection = NodeReadiness.Problem(node, now) ?? Fit(request, used, allocatable);
            if (rejection is not null)
            {
                rejections[rejection] = rejections.GetValueOrDefault(rejection) + 1;
                continue;
            }
            var score = LeastAllocatedScore(request + used, allocatable);
            if (score > bestScore)
            {
                best = node;
                bestScore = score;
            }
        }
        if (best is not null) return Placement.On(best.Name);
        var reasons = rejections.Select(pair => $"{pair.Value} {pair.Key}");
        return Placement.Nowhere($"0/{nodes.Count} nodes are available" + (rejections.Count > 0 ? ": " + string.Join(", ", reasons) : ""));
    }

    private static string? Fit(ResourceAmounts request, ResourceAmounts used, ResourceAmounts allocatable)
    {
        if (used.MilliCpu + request.MilliCpu > allocatable.MilliCpu) return "insufficient cpu";
        if (used.MemoryBytes + request.MemoryBytes > allocatable.MemoryBytes) return "insufficient memory";
        if (used.Pods + 1 > allocatable.Pods) return "too many pods";
        return null;
    }

    /// <summary>The share of cpu and memory left free after placing the pod, averaged: higher is better.</summary>
    private static double LeastAllocatedScore(ResourceAmounts after, ResourceAmounts allocatable)
    {
        static double Free(decimal used, decimal total) => total <= 0 ? 0 : (double)((total - used) / total);
        return (Free(after.MilliCpu, allocatable.MilliCpu) + Free(after.MemoryBytes, allocatable.MemoryBytes)) / 2;
    }
}
