using GitOrch.Api.Model;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>
/// One reconcile's view of a Canary or BlueGreen Deployment: the ReplicaSet of its current template,
/// the stable one, any others, and the recorded progress the reconcile starts from.
/// </summary>
public sealed record RolloutState(
    Deployment Deployment,
    ReplicaSet Current,
    string CurrentHash,
    ReplicaSet? Stable,
    IReadOnlyList<ReplicaSet> Others,
    int Desired,
    ProgressiveRolloutStatus Status,
    DateTimeOffset Now)
{
    public string Namespace => Deployment.Namespace ?? WellKnown.DefaultNamespace;

    public string? StableHash => Stable?.Labels.GetValueOrDefault(WellKnown.PodTemplateHash);

    public bool IsReleasing => Stable is not null && StableHash != CurrentHash;

    /// <summary>Every set other than the current one: the stable set, then the rest.</summary>
    public IEnumerable<ReplicaSet> Outgoing => Stable is null || !IsReleasing ? Others : Others.Prepend(Stable);

    public static int Available(ReplicaSet set) =>
        set.Status?.ObservedGeneration == set.Metadata.Generation ? Math.Min(set.Status?.AvailableReplicas ?? 0, set.Spec.Replicas ?? 0) : 0;

    public static bool HasPods(ReplicaSet set) => (set.Spec.Replicas ?? 0) > 0 || (set.Status?.Replicas ?? 0) > 0;
}

/// <summary>What a reconcile of a Canary or BlueGreen rollout decided: the new progress, and when to look again.</summary>
public sealed record RolloutOutcome(ProgressiveRolloutStatus Status, bool Progressed, TimeSpan? RequeueAfter);
