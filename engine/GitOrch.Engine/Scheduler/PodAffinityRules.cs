using GitOrch.Api.Model;

namespace GitOrch.Engine.Scheduler;

/// <summary>
/// A pod's inter-pod affinity and anti-affinity against the pods already placed, and the placed pods'
/// required anti-affinity against it (a pod that must not share a zone with this one keeps it out of
/// that zone, as in Kubernetes). For each term it works out once which topology domains (values of the
/// term's topologyKey) hold a matching pod; each node then only looks up its own domain.
/// </summary>
public sealed class PodAffinityRules
{
    private readonly List<DomainTerm> _requiredAffinity = [];
    private readonly List<DomainTerm> _requiredAntiAffinity = [];
    private readonly List<(DomainTerm Term, int Weight)> _preferred = [];
    private readonly HashSet<(string TopologyKey, string Domain)> _keptOutByPlacedPods = [];

    private sealed record DomainTerm(string TopologyKey, Dictionary<string, int> PodsPerDomain, bool MatchesItself);

    public bool IsEmpty => _requiredAffinity.Count == 0 && _requiredAntiAffinity.Count == 0 && _preferred.Count == 0 && _keptOutByPlacedPods.Count == 0;

    public static PodAffinityRules For(Pod pod, ClusterSnapshot snapshot)
    {
        var rules = new PodAffinityRules();
        foreach (var (placed, node) in snapshot.PodsWithRequiredAntiAffinity)
            foreach (var term in placed.Spec.Affinity!.PodAntiAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!)
                if (placed.Metadata.Uid != pod.Metadata.Uid && Selects(term, placed, pod) && node.Node.Metadata.Labels?.GetValueOrDefault(term.TopologyKey) is { } domain)
                    rules._keptOutByPlacedPods.Add((term.TopologyKey, domain));
        var affinity = pod.Spec.Affinity;
        if (affinity?.PodAffinity is null && affinity?.PodAntiAffinity is null) return rules;
        DomainTerm Domains(PodAffinityTerm term) => Count(pod, term, snapshot);
        rules._requiredAffinity.AddRange((affinity.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? []).Select(Domains));
        rules._requiredAntiAffinity.AddRange((affinity.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? []).Select(Domains));
        rules._preferred.AddRange((affinity.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? []).Select(term => (Domains(term.PodAffinityTerm), term.Weight)));
        rules._preferred.AddRange((affinity.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? []).Select(term => (Domains(term.PodAffinityTerm), -term.Weight)));
        return rules;
    }

    public string? Filter(Node node)
    {
        foreach (var (topologyKey, domain) in _keptOutByPlacedPods)
            if (node.Metadata.Labels?.GetValueOrDefault(topologyKey) == domain)
                return "didn't satisfy existing pods' anti-affinity";
        foreach (var term in _requiredAntiAffinity)
            if (Domain(node, term) is { } domain && term.PodsPerDomain.ContainsKey(domain))
                return "didn't satisfy pod anti-affinity";
        foreach (var term in _requiredAffinity)
        {
            // The first pod of a group that must be together may go anywhere, as in Kubernetes.
            if (term.PodsPerDomain.Count == 0 && term.MatchesItself) continue;
            if (Domain(node, term) is not { } domain || !term.PodsPerDomain.ContainsKey(domain))
                return "didn't satisfy pod affinity";
        }
        return null;
    }

    /// <summary>Sum of the weights of the preferred terms this node satisfies; anti-affinity weighs negative.</summary>
    public double Score(Node node) =>
        _preferred.Sum(pair => Domain(node, pair.Term) is { } domain && pair.Term.PodsPerDomain.ContainsKey(domain) ? pair.Weight : 0);

    private static string? Domain(Node node, DomainTerm term) => node.Metadata.Labels?.GetValueOrDefault(term.TopologyKey);

    private static DomainTerm Count(Pod pod, PodAffinityTerm term, ClusterSnapshot snapshot)
    {
        var perDomain = new Dictionary<string, int>();
        foreach (var node in snapshot.Nodes)
        {
            if (node.Node.Metadata.Labels?.GetValueOrDefault(term.TopologyKey) is not { } domain) continue;
            var matching = node.Pods.Count(other => other.Metadata.Uid != pod.Metadata.Uid && Selects(term, pod, other));
            if (matching > 0) perDomain[domain] = perDomain.GetValueOrDefault(domain) + matching;
        }
        return new DomainTerm(term.TopologyKey, perDomain, Selects(term, pod, pod));
    }

    /// <summary>Whether a term of <paramref name="owner"/> selects <paramref name="candidate"/>: by labels, in the term's namespaces (the owner's own by default).</summary>
    private static bool Selects(PodAffinityTerm term, Pod owner, Pod candidate)
    {
        var candidateNamespace = candidate.Namespace ?? WellKnown.DefaultNamespace;
        var inNamespace = term.Namespaces is { Count: > 0 } listed ? listed.Contains(candidateNamespace) : candidateNamespace == (owner.Namespace ?? WellKnown.DefaultNamespace);
        return inNamespace && term.LabelSelector is { } selector && selector.Matches(candidate.Labels);
    }
}
