namespace GitOrch.Api.Model;

/// <summary>How many of a set of pods must stay up while pods are evicted on purpose (a drain).</summary>
public sealed record PodDisruptionBudget : KubeObject
{
    public PodDisruptionBudgetSpec Spec { get; init; } = new();
}

public sealed record PodDisruptionBudgetSpec
{
    /// <summary>Pods that must stay healthy: a count, or a percentage of the pods selected (rounded up).</summary>
    public IntOrString? MinAvailable { get; init; }

    /// <summary>Pods that may be unhealthy at once: a count, or a percentage of the pods selected (rounded up).</summary>
    public IntOrString? MaxUnavailable { get; init; }

    public LabelSelector? Selector { get; init; }

    /// <summary>IfHealthyBudget (the default) or AlwaysAllow: whether a pod that is not ready may go while the budget is short.</summary>
    public string? UnhealthyPodEvictionPolicy { get; init; }
}
