using GitOrch.Api.Model;
using GitOrch.Engine.Runtime;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>
/// Rolls a Deployment's pods from one template to the next through one ReplicaSet per template:
/// RollingUpdate (maxSurge, maxUnavailable) or Recreate. It numbers the sets as revisions, keeps
/// revisionHistoryLimit old ones, honours pause, and reports progress and its deadline in the status.
/// </summary>
public sealed class DeploymentController(ControllerContext context) : Controller(context)
{
    protected override KindInfo Primary => Kinds.Deployment;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.ReplicaSet];

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var deployment = await Client.GetAsync<Deployment>(ns, name, cancellationToken);
        if (deployment is null) return ReconcileResult.Done;
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
            var initial = deployment.Spec.Strategy?.Type == "Recreate" || old.Count > 0 ? 0 : desired;
            current = await Client.CreateAsync(NewReplicaSet(deployment, template, hash, initial, DeploymentRevisions.Max(owned) + 1), cancellationToken);
            await Events.RecordAsync(deployment, EventTypes.Normal, "ScalingReplicaSet", $"Created replicaset {current.Name} for revision {DeploymentRevisions.Of(current)}", cancellationToken);
            progressed = true;
        }
        else if (DeploymentRevisions.Of(current) < DeploymentRevisions.Max(old))
            current = await Client.UpdateAsync(DeploymentRevisions.With(current, DeploymentRevisions.Max(old) + 1, deployment.Annotation(WellKnown.SourceCommit)), current, cancellationToken);

        if (!DeploymentRevisions.IsPaused(deployment))
            progressed |= deployment.Spec.Strategy?.Type == "Recreate"
                ? await RecreateAsync(deployment, current, old, desired, cancellationToken)
                : await RollAsync(deployment, current, old, desired, maxSurge, maxUnavailable, cancellationToken);
        await PruneHistoryAsync(deployment, old, cancellationToken);
        return await WriteStatusAsync(deployment, current, old, progressed, maxUnavailable, cancellationToken);
    }

    private static (int MaxSurge, int MaxUnavailable) Budgets(Deployment deployment, int desired)
    {
        if (deployment.Spec.Strategy?.Type == "Recreate") return (0, desired);
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

    private async Task<bool> ScaleAsync(Deployment deployment, ReplicaSet set, int replicas, CancellationToken cancellationToken)
    {
        if ((set.Spec.Replicas ?? 0) == replicas) return false;
        var verb = replicas > (set.Spec.Replicas ?? 0) ? "up" : "down";
        await Client.UpdateAsync(set with { Spec = set.Spec with { Replicas = replicas } }, set, cancellationToken);
        await Events.RecordAsync(deployment, EventTypes.Normal, "ScalingReplicaSet", $"Scaled {verb} replicaset {set.Name} from {set.Spec.Replicas ?? 0} to {replicas}", cancellationToken);
        return true;
    }

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

    private async Task<ReconcileResult> WriteStatusAsync(Deployment deployment, ReplicaSet current, List<ReplicaSet> old, bool progressed, int maxUnavailable, CancellationToken cancellationToken)
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
        };
        counts = counts with { UnavailableReplicas = Math.Max(0, desired - counts.AvailableReplicas) };
        var complete = counts.UpdatedReplicas == desired && counts.Replicas == desired && (current.Status?.AvailableReplicas ?? 0) == desired
                       && current.Spec.Replicas == desired && old.All(set => set.Spec.Replicas == 0);
        var outcome = DeploymentProgress.Evaluate(deployment, counts, complete, progressed || Advanced(deployment.Status, counts), maxUnavailable, Clock.GetUtcNow());
        var written = counts with { Conditions = outcome.Conditions };
        if (!SameStatus(written, deployment.Status))
            await Client.PutStatusAsync(deployment, written, cancellationToken);
        if (outcome.JustExceeded)
            await Events.RecordAsync(deployment, EventTypes.Warning, DeploymentProgress.DeadlineExceeded,
                $"Replicaset {current.Name} has not progressed for {deployment.Spec.ProgressDeadlineSeconds ?? 600}s", cancellationToken);
        return outcome.Next;
    }

    /// <summary>Progress as Kubernetes counts it: more pods updated, ready or available, or fewer old pods left.</summary>
    private static bool Advanced(DeploymentStatus? before, DeploymentStatus now) =>
        before is null
        || now.UpdatedReplicas > before.UpdatedReplicas || now.ReadyReplicas > before.ReadyReplicas
        || now.AvailableReplicas > before.AvailableReplicas || now.Replicas - now.UpdatedReplicas < before.Replicas - before.UpdatedReplicas;

    private static bool SameStatus(DeploymentStatus a, DeploymentStatus? b) =>
        b is not null && a with { Conditions = null } == b with { Conditions = null }
        && (a.Conditions ?? []).SequenceEqual(b.Conditions ?? []);

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
