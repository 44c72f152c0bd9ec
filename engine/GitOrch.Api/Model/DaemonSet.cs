namespace GitOrch.Api.Model;

public sealed record DaemonSet : KubeObject
{
    public DaemonSetSpec Spec { get; init; } = new();
    public DaemonSetStatus? Status { get; init; }
}

public sealed record DaemonSetSpec
{
    public LabelSelector? Selector { get; init; }
    public PodTemplateSpec Template { get; init; } = new();
    public DaemonSetUpdateStrategy? UpdateStrategy { get; init; }
    public int? MinReadySeconds { get; init; }
    public int? RevisionHistoryLimit { get; init; }
}

public sealed record DaemonSetUpdateStrategy
{
    /// <summary>RollingUpdate (the default) or OnDelete.</summary>
    public string? Type { get; init; }
    public RollingUpdateDaemonSet? RollingUpdate { get; init; }
}

public sealed record RollingUpdateDaemonSet
{
    public IntOrString? MaxUnavailable { get; init; }
    public IntOrString? MaxSurge { get; init; }
}

public sealed record DaemonSetStatus
{
    public int DesiredNumberScheduled { get; init; }
    public int CurrentNumberScheduled { get; init; }
    public int UpdatedNumberScheduled { get; init; }
    public int NumberReady { get; init; }
    public int NumberAvailable { get; init; }
    public int NumberMisscheduled { get; init; }
    public long? ObservedGeneration { get; init; }
}
