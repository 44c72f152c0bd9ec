using System.Text.Json.Nodes;

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
    public JsonObject? PersistentVolumeClaimRetentionPolicy { get; init; }
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

/// <summary>A volume claim per ordinal; on GitOrch each claim is a directory on the node that outlives its pods.</summary>
public sealed record PersistentVolumeClaimTemplate
{
    public ObjectMeta Metadata { get; init; } = new();
    public JsonObject? Spec { get; init; }
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
