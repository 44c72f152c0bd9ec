namespace GitOrch.Api.Model;

/// <summary>
/// A request for storage. The cluster binds it to a PersistentVolume: one declared in Git that fits, or
/// one its StorageClass provisions. <c>spec.volumeName</c> is the cluster's to set when Git leaves it out.
/// </summary>
public sealed record PersistentVolumeClaim : KubeObject
{
    public PersistentVolumeClaimSpec Spec { get; init; } = new();
    public PersistentVolumeClaimStatus? Status { get; init; }
}

public sealed record PersistentVolumeClaimSpec
{
    public List<string>? AccessModes { get; init; }
    public VolumeResourceRequirements? Resources { get; init; }
    /// <summary>Unset: the default StorageClass. Empty: no class, so only a declared volume can bind it.</summary>
    public string? StorageClassName { get; init; }
    public string? VolumeName { get; init; }
    public string? VolumeMode { get; init; }
    public LabelSelector? Selector { get; init; }
}

public sealed record VolumeResourceRequirements
{
    public Dictionary<string, string>? Requests { get; init; }
    public Dictionary<string, string>? Limits { get; init; }
}

public sealed record PersistentVolumeClaimStatus
{
    /// <summary>Pending, Bound or Lost (its volume is gone).</summary>
    public string? Phase { get; init; }
    public List<string>? AccessModes { get; init; }
    public Dictionary<string, string>? Capacity { get; init; }
    /// <summary>GitOrch writes <c>WaitingForFirstConsumer</c> while a claim waits for the scheduler to place its first pod.</summary>
    public List<Condition>? Conditions { get; init; }
}
