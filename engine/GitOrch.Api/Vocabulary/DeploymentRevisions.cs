using System.Globalization;
using GitOrch.Api.Model;

namespace GitOrch.Api.Vocabulary;

/// <summary>Each of a Deployment's ReplicaSets carries a revision number; the newest rollout has the highest.</summary>
public static class DeploymentRevisions
{
    public static long Of(ReplicaSet set) =>
        long.TryParse(set.Annotation(WellKnown.Revision), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    public static long Max(IEnumerable<ReplicaSet> sets) => sets.Select(Of).DefaultIfEmpty(0).Max();

    public static ReplicaSet With(ReplicaSet set, long revision, string? sourceCommit)
    {
        var metadata = set.Metadata.WithAnnotation(WellKnown.Revision, revision.ToString(CultureInfo.InvariantCulture));
        return set with { Metadata = sourceCommit is null ? metadata : metadata.WithAnnotation(WellKnown.SourceCommit, sourceCommit) };
    }

    /// <summary>The template a Deployment's pods get: its own, plus the restart time when one was asked for.</summary>
    public static PodTemplateSpec EffectiveTemplate(Deployment deployment)
    {
        var template = deployment.Spec.Template;
        if (deployment.Annotation(WellKnown.RestartedAt) is not { } restartedAt) return template;
        return template with { Metadata = template.Metadata.WithAnnotation(WellKnown.RestartedAt, restartedAt) };
    }

    /// <summary>
    /// The Deployment set back to a ReplicaSet's template, the inverse of <see cref="EffectiveTemplate"/>:
    /// the set's hash label goes, and its restart time (or its absence) moves back onto the Deployment.
    /// The Deployment takes the set's commit too, so that the revision is listed under the commit that
    /// declared it. A Canary or BlueGreen Deployment is promoted at once: the revision already served,
    /// and a canary of it would wait for analysis of traffic that an undo may never get.
    /// </summary>
    public static Deployment RolledBackTo(Deployment deployment, ReplicaSet set)
    {
        var template = set.Spec.Template;
        var labels = new Dictionary<string, string>(template.Metadata.Labels ?? []);
        labels.Remove(WellKnown.PodTemplateHash);
        var restartedAt = template.Metadata.Annotations?.GetValueOrDefault(WellKnown.RestartedAt);
        var metadata = deployment.Metadata.WithAnnotation(WellKnown.RestartedAt, restartedAt);
        if (set.Annotation(WellKnown.SourceCommit) is { } commit) metadata = metadata.WithAnnotation(WellKnown.SourceCommit, commit);
        if (deployment.Spec.Strategy?.Type is StrategyTypes.Canary or StrategyTypes.BlueGreen)
            metadata = metadata.WithAnnotation(WellKnown.RolloutAction, RolloutActions.PromoteFull);
        return deployment with
        {
            Metadata = metadata,
            Spec = deployment.Spec with
            {
                Template = template with { Metadata = template.Metadata.WithAnnotation(WellKnown.RestartedAt, null) with { Labels = labels } },
            },
        };
    }

    public static bool IsPaused(Deployment deployment) =>
        deployment.Spec.Paused == true || deployment.Annotation(WellKnown.Paused) == "true";
}
