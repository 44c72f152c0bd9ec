using GitOrch.Api.Model;

namespace GitOrch.Engine.Sync;

/// <summary>
/// An orphan is an object nothing accounts for: no commit declares it, no owner holds it, no GitOrch
/// component made it and no <c>apply -f</c> wrote it. One written straight into the store is the usual case.
/// </summary>
public static class Orphans
{
    private static readonly string[] HookAnnotations = [WellKnown.Hook, WellKnown.ArgoHook, WellKnown.HelmHook];

    public static bool IsOrphan(KubeObject obj) =>
        Kinds.FindByKind(obj.Kind) is not { WrittenByCluster: true }
        && obj.Metadata.OwnerReferences is not { Count: > 0 }
        && obj.Annotation(WellKnown.ManagedBy) is null
        && obj.Annotation(WellKnown.CreatedBy) is null
        && obj.Annotation(WellKnown.ProvisionedBy) is null
        && !HookAnnotations.Any(hook => obj.Annotation(hook) is not null);

    /// <summary>Claims and volumes hold data, so pruning orphans never deletes them: a person must.</summary>
    public static bool MayPrune(KubeObject obj) => obj.Kind is not ("PersistentVolumeClaim" or "PersistentVolume");

    /// <summary>Where an object comes from, for <c>get -o wide</c>: its file in Git, <c>apply</c>, its owner, the cluster, or <c>&lt;orphan&gt;</c>.</summary>
    public static string SourceOf(KubeObject obj) =>
        obj.Annotation(WellKnown.ManagedBy) == WellKnown.ManagedByGit ? $"git:{obj.Annotation(WellKnown.SourcePath)}"
        : obj.Annotation(WellKnown.ManagedBy) == WellKnown.ManagedByApply ? "apply"
        : obj.Metadata.OwnerReferences is [var owner, ..] ? $"{owner.Kind}/{owner.Name}"
        : IsOrphan(obj) ? "<orphan>"
        : "cluster";
}
