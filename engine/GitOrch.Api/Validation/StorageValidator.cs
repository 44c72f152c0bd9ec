using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>Claims (and StatefulSet claim templates), volumes and storage classes: access modes, sizes, one directory per volume, known policies.</summary>
internal static class StorageValidator
{
    private static readonly string[] AccessModes = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];

    public static void Claim(PersistentVolumeClaimSpec spec, string path, Checks checks)
    {
        Modes(spec.AccessModes, Child(path, "accessModes"), checks);
        var storage = Child(Child(Child(path, "resources"), "requests"), "storage");
        checks.Require(spec.Resources?.Requests?.ContainsKey("storage") == true, storage, "is required");
        checks.Quantity(storage, spec.Resources?.Requests?.GetValueOrDefault("storage"));
        checks.OneOf(Child(path, "volumeMode"), spec.VolumeMode, "Filesystem");
        if (spec.StorageClassName is { Length: > 0 } className) checks.DnsSubdomain(Child(path, "storageClassName"), className);
        if (spec.VolumeName is { Length: > 0 } volumeName) checks.DnsSubdomain(Child(path, "volumeName"), volumeName);
        if (spec.Selector is { } selector) WorkloadValidator.Selector(selector, Child(path, "selector"), checks);
    }

    public static void Volume(PersistentVolumeSpec spec, Checks checks)
    {
        Modes(spec.AccessModes, "spec.accessModes", checks);
        checks.Require(spec.Capacity?.ContainsKey("storage") == true, "spec.capacity.storage", "is required");
        checks.Quantity("spec.capacity.storage", spec.Capacity?.GetValueOrDefault("storage"));
        checks.OneOf("spec.persistentVolumeReclaimPolicy", spec.PersistentVolumeReclaimPolicy, "Retain", "Delete");
        checks.OneOf("spec.volumeMode", spec.VolumeMode, "Filesystem");
        checks.Require((spec.HostPath is null) != (spec.Local is null), "spec", "needs exactly one of hostPath or local: GitOrch volumes are directories on a node");
        var directory = spec.HostPath?.Path ?? spec.Local?.Path;
        var directoryPath = spec.HostPath is null ? "spec.local.path" : "spec.hostPath.path";
        if (directory is not null) checks.Require(directory.StartsWith('/'), directoryPath, $"\"{directory}\" must be an absolute path");
        checks.Require(spec.Local is null || spec.NodeAffinity?.Required is not null, "spec.nodeAffinity.required", "is required for a local volume: it names the node that holds the directory");
        if (spec.ClaimRef is { } claim)
            checks.Require(claim.Name is { Length: > 0 }, "spec.claimRef.name", "is required");
    }

    public static void Class(StorageClass storageClass, Checks checks)
    {
        checks.Require(storageClass.Provisioner.Length > 0, "provisioner", "is required");
        checks.OneOf("reclaimPolicy", storageClass.ReclaimPolicy, "Delete", "Retain");
        checks.OneOf("volumeBindingMode", storageClass.VolumeBindingMode, "Immediate", "WaitForFirstConsumer");
    }

    private static void Modes(List<string>? modes, string path, Checks checks)
    {
        checks.Require(modes is { Count: > 0 }, path, "needs at least one access mode");
        for (var i = 0; i < (modes?.Count ?? 0); i++)
            checks.OneOf(Index(path, i), modes![i], AccessModes);
    }
}
