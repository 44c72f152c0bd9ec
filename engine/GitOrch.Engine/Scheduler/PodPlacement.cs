using GitOrch.Api.Model;

namespace GitOrch.Engine.Scheduler;

/// <summary>Where a pod goes, or why it cannot go anywhere.</summary>
public sealed record Placement(string? NodeName, string? Reason)
{
    public static Placement On(string node) => new(node, null);
    public static Placement Nowhere(string reason) => new(null, reason);
}

/// <summary>
/// The scheduling decision as a pure function of the pod and a snapshot of the cluster. Nodes are
/// filtered (readiness, cordon, taints, selector and affinity, resources, host ports, pod affinity,
/// volume nodes, topology spread),
/// and the feasible ones scored. In a large cluster it stops filtering once it has enough feasible
/// nodes to choose well, as kube-scheduler does, starting each search where the previous one stopped.
/// </summary>
public static class PodPlacement
{
    private const int MinFeasibleToScore = 100;

    /// <param name="now">The scheduler's clock, which decides whether a node's last heartbeat is too old.</param>
    /// <param name="volumeNodes">The node selectors of the volumes the pod's claims are bound to.</param>
    public static Placement Place(Pod pod, ClusterSnapshot snapshot, DateTimeOffset now, int start = 0, IReadOnlyList<NodeSelector>? volumeNodes = null)
    {
        var nodes = snapshot.Nodes;
        if (nodes.Count == 0) return Placement.Nowhere("0/0 nodes are available: no nodes are registered");
        var request = PodResources.Requests(pod);
        var affinity = PodAffinityRules.For(pod, snapshot);
        var spread = TopologySpreadRules.For(pod, snapshot);
        var owner = pod.ControllerReference()?.Uid;
        var wanted = FeasibleToFind(nodes.Count);
        var rejections = new Dictionary<string, int>();
        NodeInfo? best = null;
        var bestScore = double.MinValue;
        var feasible = 0;
        for (var i = 0; i < nodes.Count && feasible < wanted; i++)
        {
            var node = nodes[(start + i) % nodes.Count];
            if ((Reject(node, pod, request, affinity, now)
                 ?? (volumeNodes is { Count: > 0 } ? NodeFilters.VolumeNodes(node.Node, volumeNodes) : null)
                 ?? (spread.IsEmpty ? null : spread.Filter(node.Node))) is { } reason)
            {
                rejections[reason] = rejections.GetValueOrDefault(reason) + 1;
                continue;
            }
            feasible++;
            var score = NodeScores.LeastAllocated(node, request) + NodeScores.Balanced(node, request)
                        + NodeScores.SpreadAcrossNodes(node, owner) + NodeScores.SpreadAcrossZones(node.Zone is { } zone && owner is not null ? snapshot.PodsInZone(zone, owner) : 0)
                        + NodeScores.PreferredNodeAffinity(node.Node, pod) + (affinity.IsEmpty ? 0 : affinity.Score(node.Node))
                        + (spread.IsEmpty ? 0 : spread.Score(node.Node));
            if (score > bestScore)
            {
                best = node;
                bestScore = score;
            }
        }
        if (best is not null) return Placement.On(best.Name);
        var reasons = rejections.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Value} {pair.Key}");
        return Placement.Nowhere($"0/{nodes.Count} nodes are available: {string.Join(", ", reasons)}");
    }

    private static string? Reject(NodeInfo node, Pod pod, ResourceAmounts request, PodAffinityRules affinity, DateTimeOffset now) =>
        NodeFilters.Readiness(node.Node, now)
        ?? NodeFilters.Cordon(node.Node, pod)
        ?? NodeFilters.Taints(node.Node, pod)
        ?? NodeFilters.Selector(node.Node, pod)
        ?? NodeFilters.Resources(node, request)
        ?? NodeFilters.HostPorts(node, pod)
        ?? (affinity.IsEmpty ? null : affinity.Filter(node.Node));

    /// <summary>kube-scheduler's adaptive share: all of a small cluster, down to 5% of a very large one, never under 100 nodes.</summary>
    private static int FeasibleToFind(int nodes)
    {
        if (nodes <= MinFeasibleToScore) return nodes;
        var percent = Math.Max(5, 50 - nodes / 125);
        return Math.Max(MinFeasibleToScore, nodes * percent / 100);
    }
}
