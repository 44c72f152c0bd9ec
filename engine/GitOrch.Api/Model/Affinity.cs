namespace GitOrch.Api.Model;

public sealed record Affinity
{
    public NodeAffinity? NodeAffinity { get; init; }
    public PodAffinity? PodAffinity { get; init; }
    public PodAffinity? PodAntiAffinity { get; init; }
}

public sealed record NodeAffinity
{
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; init; }
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; init; }
}

/// <summary>Terms ORed together; the requirements within one term are ANDed.</summary>
public sealed record NodeSelector
{
    public List<NodeSelectorTerm> NodeSelectorTerms { get; init; } = [];
}

public sealed record NodeSelectorTerm
{
    public List<NodeSelectorRequirement>? MatchExpressions { get; init; }
    public List<NodeSelectorRequirement>? MatchFields { get; init; }
}

/// <summary>Operators: In, NotIn, Exists, DoesNotExist, Gt, Lt.</summary>
public sealed record NodeSelectorRequirement
{
    public string Key { get; init; } = "";
    public string Operator { get; init; } = "";
    public List<string>? Values { get; init; }
}

public sealed record PreferredSchedulingTerm
{
    public int Weight { get; init; }
    public NodeSelectorTerm Preference { get; init; } = new();
}

/// <summary>Used for both pod affinity and pod anti-affinity.</summary>
public sealed record PodAffinity
{
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; init; }
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; init; }
}

public sealed record PodAffinityTerm
{
    public LabelSelector? LabelSelector { get; init; }
    public string TopologyKey { get; init; } = "";
    public List<string>? Namespaces { get; init; }
}

public sealed record WeightedPodAffinityTerm
{
    public int Weight { get; init; }
    public PodAffinityTerm PodAffinityTerm { get; init; } = new();
}
