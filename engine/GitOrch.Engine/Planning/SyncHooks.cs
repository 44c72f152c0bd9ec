using GitOrch.Api.Model;

namespace GitOrch.Engine.Planning;

/// <summary>When a hook runs: before anything is applied, after the waves, after everything is healthy, or when the sync fails.</summary>
public enum HookPhase { PreSync, Sync, PostSync, SyncFail }

/// <summary>
/// Reads the hook annotations of Argo CD (<c>argocd.argoproj.io/hook</c>) and Helm (<c>helm.sh/hook</c>):
/// which phase an object runs in, its order in the phase and when it is deleted.
/// </summary>
public static class SyncHooks
{
    public const string BeforeHookCreation = "BeforeHookCreation";
    public const string HookSucceeded = "HookSucceeded";
    public const string HookFailed = "HookFailed";

    /// <summary>Whether an object carries a hook annotation, valid or not.</summary>
    public static bool IsHook(KubeObject obj) => obj.Annotation(WellKnown.ArgoHook) is not null || obj.Annotation(WellKnown.HelmHook) is not null;

    /// <summary>The phase of a hook; null for an ordinary object. Helm's install and upgrade hooks map to PreSync and PostSync.</summary>
    /// <exception cref="ArgumentException">An annotation value no tool defines; the caller names the object.</exception>
    public static HookPhase? PhaseOf(KubeObject obj)
    {
        if (obj.Annotation(WellKnown.ArgoHook) is { } argo)
            return Enum.TryParse<HookPhase>(argo.Split(',')[0].Trim(), out var phase) && Enum.IsDefined(phase)
                ? phase
                : throw new ArgumentException($"{WellKnown.ArgoHook}: \"{argo}\" is not a hook phase (PreSync, Sync, PostSync or SyncFail)");
        if (obj.Annotation(WellKnown.HelmHook) is not { } helm) return null;
        var events = helm.Split(',', StringSplitOptions.TrimEntries);
        if (events.Any(e => e is "pre-install" or "pre-upgrade")) return HookPhase.PreSync;
        if (events.Any(e => e is "post-install" or "post-upgrade")) return HookPhase.PostSync;
        throw new ArgumentException($"{WellKnown.HelmHook}: \"{helm}\" has no install or upgrade event, the only ones a sync runs");
    }

    /// <summary>The order within a phase: the sync wave, else Helm's hook weight.</summary>
    public static int WeightOf(KubeObject obj) =>
        obj.Annotation(WellKnown.SyncWave) is not null ? SyncWaves.WaveOf(obj) : SyncWaves.NumberIn(obj, WellKnown.HelmHookWeight);

    /// <summary>The delete policies, Helm's spelled as Argo CD's; BeforeHookCreation when none is given.</summary>
    public static IReadOnlySet<string> DeletePoliciesOf(KubeObject obj)
    {
        var text = obj.Annotation(WellKnown.ArgoHookDeletePolicy) ?? obj.Annotation(WellKnown.HelmHookDeletePolicy);
        if (text is null) return new HashSet<string> { BeforeHookCreation };
        return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(policy => policy switch
        {
            "before-hook-creation" => BeforeHookCreation,
            "hook-succeeded" => HookSucceeded,
            "hook-failed" => HookFailed,
            _ => policy,
        }).ToHashSet(StringComparer.Ordinal);
    }
}
