namespace GitOrch.Api.Model;

public sealed record StatefulSet : KubeObject
{
    public StatefulSetSpec Spec { get; init; } = new();
    public StatefulSetStatus? Status { get; init; }
}

public sealed record StatefulSetSpec
{
    public int? Replicas { get; init; }
    public LabelSelector? Selector { get; init; }
    public PodTemplateSpec Template { get; init; } = new();
    public string? ServiceName { get; init; }
    /// <summary>OrderedReady (the default) or Parallel.</summary>
    public string? PodManagementPolicy { get; init; }
    public StatefulSetUpdateStrategy? UpdateStrategy { get; init; }
    public List<PersistentVolumeClaimTemplate>? VolumeClaimTemplates { get; init; }
    public int? RevisionHistoryLimit { get; init; }
    public int? MinReadySeconds { get; init; }
    public StatefulSetClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; init; }
}

/// <summary>Retain (the default) or Delete, for each claim when its StatefulSet is deleted and when it is scaled down.</summary>
public sealed record StatefulSetClaimRetentionPolicy
{
    public string? WhenDeleted { get; init; }
    public string? WhenScaled { get; init; }
}

public sealed record StatefulSetUpdateStrategy
{
    /// <summary>RollingUpdate (the default) or OnDelete.</summary>
    public string? Type { get; init; }
    public RollingUpdateStatefulSet? RollingUpdate { get; init; }
}

public sealed record RollingUpdateStatefulSet
{
    public int? Partition { get; init; }
    public IntOrString? MaxUnavailable { get; init; }
}

/// <summary>A claim per ordinal, made before the ordinal's first pod and kept after it (unless the retention policy says Delete).</summary>
public sealed record PersistentVolumeClaimTemplate
{
    public ObjectMeta Metadata { get; init; } = new();
    public PersistentVolumeClaimSpec Spec { get; init; } = new();
}

public sealed record StatefulSetStatus
{
    public int Replicas { get; init; }
    public int ReadyReplicas { get; init; }
    public int CurrentReplicas { get; init; }
    public int UpdatedReplicas { get; init; }
    public string? CurrentRevision { get; init; }
    public string? UpdateRevision { get; init; }
    public long? ObservedGeneration { get; init; }
}
