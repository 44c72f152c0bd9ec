namespace GitOrch.Api.Model;

/// <summary>
/// A piece of storage on one node: a directory, declared in Git (<c>hostPath</c> or <c>local</c>) or
/// made by the local-path provisioner for a claim. Its node affinity pins the pods that use it.
/// </summary>
public sealed record PersistentVolume : KubeObject
{
    public PersistentVolumeSpec Spec { get; init; } = new();
    public PersistentVolumeStatus? Status { get; init; }

    /// <summary>Whether the volume's claim reference names this claim: by name, and by uid once bound.</summary>
    public bool IsReservedFor(PersistentVolumeClaim claim) =>
        Spec.ClaimRef is { } reference
        && reference.Name == claim.Name
        && (reference.Namespace ?? WellKnown.DefaultNamespace) == (claim.Namespace ?? WellKnown.DefaultNamespace)
        && (reference.Uid is null || reference.Uid == claim.Metadata.Uid);
}

public sealed record PersistentVolumeSpec
{
    public Dictionary<string, string>? Capacity { get; init; }
    public List<string>? AccessModes { get; init; }
    /// <summary>Retain (the default for a declared volume) or Delete.</summary>
    public string? PersistentVolumeReclaimPolicy { get; init; }
    public string? StorageClassName { get; init; }
    /// <summary>The claim bound to this volume; set by the cluster unless Git reserves the volume for one claim.</summary>
    public ObjectReference? ClaimRef { get; init; }
    public HostPathVolumeSource? HostPath { get; init; }
    public LocalVolumeSource? Local { get; init; }
    public VolumeNodeAffinity? NodeAffinity { get; init; }
    public string? VolumeMode { get; init; }
    public List<string>? MountOptions { get; init; }
}

public sealed record LocalVolumeSource
{
    public string Path { get; init; } = "";
    public string? FsType { get; init; }
}

public sealed record VolumeNodeAffinity
{
    public NodeSelector? Required { get; init; }
}

public sealed record PersistentVolumeStatus
{
    /// <summary>Available, Bound, Released (its claim is gone) or Failed.</summary>
    public string? Phase { get; init; }
    public string? Message { get; init; }
    public string? Reason { get; init; }
}
