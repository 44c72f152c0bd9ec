using GitOrch.Api.Model;

namespace GitOrch.Engine.Scheduler;

/// <summary>
/// A pod's topologySpreadConstraints against the pods already placed. For each constraint it counts
/// once the matching pods of the pod's namespace in every domain (a value of the topologyKey label on
/// the nodes that have it); a node then only looks up its own domain. DoNotSchedule rejects a node whose
/// domain would lead the emptiest one by more than maxSkew; ScheduleAnyway prefers the emptier domains.
/// </summary>
public sealed class TopologySpreadRules
{
    private readonly List<Spread> _required = [];
    private readonly List<Spread> _preferred = [];

    /// <summary>One constraint with its counts, and the emptiest and fullest counts worked out once, not per node.</summary>
    private sealed record Spread(TopologySpreadConstraint Constraint, Dictionary<string, int> PodsPerDomain)
    {
        /// <summary>Fewer domains than minDomains count the emptiest as holding none.</summary>
        public int Fewest { get; } = PodsPerDomain.Count < (Constraint.MinDomains ?? 1) || PodsPerDomain.Count == 0 ? 0 : PodsPerDomain.Values.Min();

        public int Fullest { get; } = PodsPerDomain.Values.DefaultIfEmpty(0).Max();

        public string? DomainOf(Node node) => node.Metadata.Labels?.GetValueOrDefault(Constraint.TopologyKey);
    }

    public bool IsEmpty => _required.Count == 0 && _preferred.Count == 0;

    public static TopologySpreadRules For(Pod pod, ClusterSnapshot snapshot)
    {
        var rules = new TopologySpreadRules();
        foreach (var constraint in pod.Spec.TopologySpreadConstraints ?? [])
        {
            var spread = new Spread(constraint, Count(pod, constraint, snapshot));
            (constraint.WhenUnsatisfiable == "ScheduleAnyway" ? rules._preferred : rules._required).Add(spread);
        }
        return rules;
    }

    public string? Filter(Node node)
    {
        foreach (var spread in _required)
        {
            if (spread.DomainOf(node) is not { } domain) return $"didn't have the topology spread label {spread.Constraint.TopologyKey}";
            if (spread.PodsPerDomain.GetValueOrDefault(domain) + 1 - spread.Fewest > spread.Constraint.MaxSkew)
                return "didn't match pod topology spread constraints";
        }
        return null;
    }

    /// <summary>Higher for a node whose domains hold fewer matching pods than the fullest domain.</summary>
    public double Score(Node node) =>
        _preferred.Sum(spread => spread.DomainOf(node) is { } domain
            ? 100.0 * (spread.Fullest - spread.PodsPerDomain.GetValueOrDefault(domain)) / Math.Max(1, spread.Fullest)
            : 0);

    /// <summary>Every domain that some node has, with the matching pods in it (zero included).</summary>
    private static Dictionary<string, int> Count(Pod pod, TopologySpreadConstraint constraint, ClusterSnapshot snapshot)
    {
        var ns = pod.Namespace ?? WellKnown.DefaultNamespace;
        var perDomain = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in snapshot.Nodes)
        {
            if (node.Node.Metadata.Labels?.GetValueOrDefault(constraint.TopologyKey) is not { } domain) continue;
            if (NodeFilters.Selector(node.Node, pod) is not null) continue;
            var matching = node.Pods.Count(other => other.Metadata.Uid != pod.Metadata.Uid && (other.Namespace ?? WellKnown.DefaultNamespace) == ns
                && constraint.LabelSelector is { } selector && selector.Matches(other.Labels));
            perDomain[domain] = perDomain.GetValueOrDefault(domain) + matching;
        }
        return perDomain;
    }
}
