using System.Text.Json;
using GitOrch.Api.Serialization;
using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using Microsoft.Extensions.Logging;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>
/// Rolls a Deployment's pods from one template to the next through one ReplicaSet per template:
/// RollingUpdate (maxSurge, maxUnavailable) or Recreate. It numbers the sets as revisions, keeps
/// revisionHistoryLimit old ones, honours pause, and reports progress and its deadline in the status.
/// Canary and BlueGreen releases are walked by <see cref="ProgressiveRollout"/>.
/// </summary>
public sealed class DeploymentController : Controller
{
    private readonly ReplicaSetScaler _scaler;
    private readonly ProgressiveRollout _progressive;

    public DeploymentController(ControllerContext context) : base(context)
    {
        _scaler = new ReplicaSetScaler(Client, Events);
        _progressive = new ProgressiveRollout(Client, Events, _scaler);
    }

    protected override KindInfo Primary => Kinds.Deployment;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.ReplicaSet];

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var deployment = await Client.GetAsync<Deployment>(ns, name, cancellationToken);
        if (deployment is null) return ReconcileResult.Done;
        var action = deployment.Annotation(WellKnown.RolloutAction);
        if (action is not null) deployment = await TakeActionAsync(deployment, cancellationToken);
        var owned = (await Client.ListAsync<ReplicaSet>(ns, cancellationToken: cancellationToken)).Where(set => set.IsOwnedBy(deployment)).ToList();
        var template = DeploymentRevisions.EffectiveTemplate(deployment);
        var hash = TemplateHash.Of(template);
        var desired = deployment.Spec.Replicas ?? 1;
        var (maxSurge, maxUnavailable) = Budgets(deployment, desired);

        var current = owned.FirstOrDefault(set => set.Labels.GetValueOrDefault(WellKnown.PodTemplateHash) == hash);
        var old = owned.Where(set => set != current).OrderBy(DeploymentRevisions.Of).ToList();
        var progressed = false;
        if (current is null)
        {
            var initial = deployment.Spec.Strategy?.Type == StrategyTypes.Recreate || old.Count > 0 ? 0 : desired;
            current = await Client.CreateAsync(NewReplicaSet(deployment, template, hash, initial, DeploymentRevisions.Max(owned) + 1), cancellationToken);
            await Events.RecordAsync(deployment, EventTypes.Normal, "ScalingReplicaSet", $"Created replicaset {current.Name} for revision {DeploymentRevisions.Of(current)}", cancellationToken);
            progressed = true;
        }
        else if (DeploymentRevisions.Of(current) < DeploymentRevisions.Max(old))
            current = await Client.UpdateAsync(DeploymentRevisions.With(current, DeploymentRevisions.Max(old) + 1, deployment.Annotation(WellKnown.SourceCommit)), current, cancellationToken);

        RolloutOutcome? rollout = null;
        if (!DeploymentRevisions.IsPaused(deployment))
        {
            if (IsProgressive(deployment))
            {
                rollout = await _progressive.ReconcileAsync(RolloutStateFor(deployment, current, hash, old, desired), action, cancellationToken);
                progressed |= rollout.Progressed;
            }
            else
                progressed |= deployment.Spec.Strategy?.Type == StrategyTypes.Recreate
                    ? await RecreateAsync(deployment, current, old, desired, cancellationToken)
                    : await RollAsync(deployment, current, old, desired, maxSurge, maxUnavailable, cancellationToken);
        }
        await PruneHistoryAsync(deployment, old, cancellationToken);
        var next = await WriteStatusAsync(deployment, current, old, progressed, maxUnavailable, rollout?.Status ?? deployment.Status?.Rollout, cancellationToken);
        return rollout?.RequeueAfter is { } after && (next.RequeueAfter is null || after < next.RequeueAfter) ? ReconcileResult.After(after) : next;
    }

    private static bool IsProgressive(Deployment deployment) =>
        deployment.Spec.Strategy?.Type is StrategyTypes.Canary or StrategyTypes.BlueGreen;

    /// <summary>Removes the rollout action annotation before acting on it, so that a retried reconcile cannot act twice.</summary>
    private async Task<Deployment> TakeActionAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var taken = deployment with { Metadata = deployment.Metadata.WithAnnotation(WellKnown.RolloutAction, null) };
        return await Client.UpdateAsync(taken, deployment, cancellationToken);
    }

    /// <summary>
    /// The stable set is the one the status names; without one (a first release, or a switch from another
    /// strategy) it is the old set with the most available pods.
    /// </summary>
    private RolloutState RolloutStateFor(Deployment deployment, ReplicaSet current, string hash, List<ReplicaSet> old, int desired)
    {
        var recorded = deployment.Status?.Rollout ?? new ProgressiveRolloutStatus();
        var all = old.Append(current).ToList();
        var stable = all.FirstOrDefault(set => set.Labels.GetValueOrDefault(WellKnown.PodTemplateHash) == recorded.StableHash)
                     ?? old.OrderByDescending(RolloutState.Available).ThenByDescending(DeploymentRevisions.Of).FirstOrDefault();
        var others = old.Where(set => set != stable).ToList();
        return new RolloutState(deployment, current, hash, stable, others, desired, recorded, Clock.GetUtcNow());
    }

    private static (int MaxSurge, int MaxUnavailable) Budgets(Deployment deployment, int desired)
    {
        if (deployment.Spec.Strategy?.Type == StrategyTypes.Recreate) return (0, desired);
        var rolling = deployment.Spec.Strategy?.RollingUpdate;
        return ((rolling?.MaxSurge ?? new IntOrString("25%")).Scaled(desired, roundUp: true),
                (rolling?.MaxUnavailable ?? new IntOrString("25%")).Scaled(desired, roundUp: false));
    }

    private async Task<bool> RollAsync(Deployment deployment, ReplicaSet current, List<ReplicaSet> old, int desired, int maxSurge, int maxUnavailable, CancellationToken cancellationToken)
    {
        var (newReplicas, oldReplicas) = RollingUpdatePlan.Step(desired, maxSurge, maxUnavailable, Scale(current), old.Select(Scale).ToList());
        var changed = await ScaleAsync(deployment, current, newReplicas, cancellationToken);
        for (var i = 0; i < old.Count; i++)
            changed |= await ScaleAsync(deployment, old[i], oldReplicas[i], cancellationToken);
        return changed;
    }

    /// <summary>Every old pod goes before any new pod starts.</summary>
    private async Task<bool> RecreateAsync(Deployment deployment, ReplicaSet current, List<ReplicaSet> old, int desired, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var set in old)
            changed |= await ScaleAsync(deployment, set, 0, cancellationToken);
        if (old.Any(set => (set.Status?.Replicas ?? 0) > 0 || set.Spec.Replicas > 0)) return changed;
        return await ScaleAsync(deployment, current, desired, cancellationToken) || changed;
    }

    /// <summary>What the rolling update may count on: a set's available pods, never more than it is meant to have.</summary>
    private static ReplicaSetScale Scale(ReplicaSet set)
    {
        var replicas = set.Spec.Replicas ?? 0;
        var observed = set.Status?.ObservedGeneration == set.Metadata.Generation;
        var available = observed ? Math.Min(set.Status?.AvailableReplicas ?? 0, replicas) : 0;
        return new ReplicaSetScale(set.Name, replicas, available);
    }

    private Task<bool> ScaleAsync(Deployment deployment, ReplicaSet set, int replicas, CancellationToken cancellationToken) =>
        _scaler.ScaleAsync(deployment, set, replicas, cancellationToken);

    /// <summary>Old sets with no pods, beyond revisionHistoryLimit, are deleted oldest first.</summary>
    private async Task PruneHistoryAsync(Deployment deployment, List<ReplicaSet> old, CancellationToken cancellationToken)
    {
        var limit = deployment.Spec.RevisionHistoryLimit ?? 10;
        var idle = old.Where(set => set.Spec.Replicas == 0 && (set.Status?.Replicas ?? 0) == 0).ToList();
        foreach (var set in idle.Take(Math.Max(0, idle.Count - limit)))
        {
            await Client.DeleteAsync(set, cancellationToken);
            Logger.LogInformation("Deleted replicaset {Namespace}/{Name}: beyond the revision history limit", set.Namespace, set.Name);
        }
    }

    private async Task<ReconcileResult> WriteStatusAsync(Deployment deployment, ReplicaSet current, List<ReplicaSet> old, bool progressed, int maxUnavailable,
        ProgressiveRolloutStatus? rollout, CancellationToken cancellationToken)
    {
        var desired = deployment.Spec.Replicas ?? 1;
        var all = old.Append(current).ToList();
        var counts = new DeploymentStatus
        {
            Replicas = all.Sum(set => set.Status?.Replicas ?? 0),
            UpdatedReplicas = current.Status?.Replicas ?? 0,
            ReadyReplicas = all.Sum(set => set.Status?.ReadyReplicas ?? 0),
            AvailableReplicas = all.Sum(set => set.Status?.AvailableReplicas ?? 0),
            ObservedGeneration = deployment.Metadata.Generation,
            Rollout = rollout,
        };
        counts = counts with { UnavailableReplicas = Math.Max(0, desired - counts.AvailableReplicas) };
        var complete = counts.UpdatedReplicas == desired && counts.Replicas == desired && (current.Status?.AvailableReplicas ?? 0) == desired
                       && current.Spec.Replicas == desired && old.All(set => set.Spec.Replicas == 0);
        var outcome = DeploymentProgress.Evaluate(deployment, counts, complete, progressed || Advanced(deployment.Status, counts), maxUnavailable, Clock.GetUtcNow());
        var written = counts with { Conditions = rollout?.Phase == RolloutPhases.Aborted ? WithAbort(outcome.Conditions, rollout, Clock.GetUtcNow(), deployment.Status) : outcome.Conditions };
        if (!SameStatus(written, deployment.Status))
            await Client.PutStatusAsync(deployment, written, cancellationToken);
        if (outcome.JustExceeded)
            await Events.RecordAsync(deployment, EventTypes.Warning, DeploymentConditions.DeadlineExceeded,
                $"Replicaset {current.Name} has not progressed for {deployment.Spec.ProgressDeadlineSeconds ?? 600}s", cancellationToken);
        return outcome.Next;
    }

    /// <summary>Progress as Kubernetes counts it: more pods updated, ready or available, or fewer old pods left.</summary>
    private static bool Advanced(DeploymentStatus? before, DeploymentStatus now) =>
        before is null
        || now.UpdatedReplicas > before.UpdatedReplicas || now.ReadyReplicas > before.ReadyReplicas
        || now.AvailableReplicas > before.AvailableReplicas || now.Replicas - now.UpdatedReplicas < before.Replicas - before.UpdatedReplicas;

    /// <summary>An aborted release shows as Progressing=False, with the reason that analysis or the user gave.</summary>
    private static List<Condition> WithAbort(List<Condition> conditions, ProgressiveRolloutStatus rollout, DateTimeOffset now, DeploymentStatus? before)
    {
        var previous = before?.Conditions?.FirstOrDefault(c => c.Type == DeploymentConditions.Progressing && c.Reason == ProgressiveRollout.AbortedReason && c.Message == rollout.Message);
        var aborted = previous ?? new Condition
        {
            Type = DeploymentConditions.Progressing,
            Status = "False",
            Reason = ProgressiveRollout.AbortedReason,
            Message = rollout.Message,
            LastTransitionTime = now,
            LastUpdateTime = now,
        };
        return conditions.Select(c => c.Type == DeploymentConditions.Progressing ? aborted : c).ToList();
    }

    private static bool SameStatus(DeploymentStatus a, DeploymentStatus? b) =>
        b is not null && a with { Conditions = null, Rollout = null } == b with { Conditions = null, Rollout = null }
        && (a.Conditions ?? []).SequenceEqual(b.Conditions ?? [])
        && JsonSerializer.Serialize(a.Rollout, ObjectJson.Options) == JsonSerializer.Serialize(b.Rollout, ObjectJson.Options);

    private static ReplicaSet NewReplicaSet(Deployment deployment, PodTemplateSpec template, string hash, int replicas, long revision)
    {
        var labels = new Dictionary<string, string>(template.Metadata.Labels ?? []) { [WellKnown.PodTemplateHash] = hash };
        var selector = new LabelSelector
        {
            MatchLabels = new Dictionary<string, string>(deployment.Spec.Selector?.MatchLabels ?? []) { [WellKnown.PodTemplateHash] = hash },
            MatchExpressions = deployment.Spec.Selector?.MatchExpressions,
        };
        var set = new ReplicaSet
        {
            ApiVersion = Kinds.ReplicaSet.ApiVersion,
            Kind = Kinds.ReplicaSet.Kind,
            Metadata = new ObjectMeta
            {
                Name = $"{deployment.Name}-{hash}",
                Namespace = deployment.Namespace,
                Labels = labels,
                OwnerReferences = [deployment.AsControllerReference()],
            },
            Spec = new ReplicaSetSpec
            {
                Replicas = replicas,
                MinReadySeconds = deployment.Spec.MinReadySeconds,
                Selector = selector,
                Template = template with { Metadata = template.Metadata with { Labels = labels } },
            },
        };
        return DeploymentRevisions.With(set, revision, deployment.Annotation(WellKnown.SourceCommit));
    }
}
