using GitOrch.Api.Model;

namespace GitOrch.Api.Vocabulary;

/// <summary>Which StorageClass a claim asks for.</summary>
public static class StorageClasses
{
    /// <summary>
    /// The class a claim's volume comes from: the one it names, or for a claim that names none the
    /// default class (the newest one marked default, as Kubernetes picks). Null when the claim names
    /// the empty class, or a class that does not exist (<paramref name="missing"/> then names it).
    /// </summary>
    public static StorageClass? Of(PersistentVolumeClaim claim, IEnumerable<StorageClass> classes, out string? missing)
    {
        missing = null;
        if (claim.Spec.StorageClassName is not { } name) return Default(classes);
        if (name.Length == 0) return null;
        var named = classes.FirstOrDefault(candidate => candidate.Name == name);
        if (named is null) missing = name;
        return named;
    }

    /// <summary>The class name a volume must carry to fit the claim: its class's, or "" for none.</summary>
    public static string NameOf(PersistentVolumeClaim claim, IEnumerable<StorageClass> classes) =>
        claim.Spec.StorageClassName ?? Default(classes)?.Name ?? "";

    public static bool IsLocalPath(StorageClass? storageClass) => storageClass?.Provisioner == WellKnown.LocalPathProvisioner;

    private static StorageClass? Default(IEnumerable<StorageClass> classes) =>
        classes
            .Where(candidate => candidate.Annotation(WellKnown.DefaultStorageClass) == "true")
            .OrderByDescending(candidate => candidate.Metadata.CreationTimestamp)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .FirstOrDefault();
}
