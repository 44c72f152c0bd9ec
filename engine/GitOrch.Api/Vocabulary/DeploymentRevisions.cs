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
        var annotations = new Dictionary<string, string>(set.Metadata.Annotations ?? [])
        {
            [WellKnown.Revision] = revision.ToString(CultureInfo.InvariantCulture),
        };
        if (sourceCommit is not null) annotations[WellKnown.SourceCommit] = sourceCommit;
        return set with { Metadata = set.Metadata with { Annotations = annotations } };
    }

    /// <summary>The template a Deployment's pods get: its own, plus the restart time when one was asked for.</summary>
    public static PodTemplateSpec EffectiveTemplate(Deployment deployment)
    {
        var template = deployment.Spec.Template;
        if (deployment.Annotation(WellKnown.RestartedAt) is not { } restartedAt) return template;
        var annotations = new Dictionary<string, string>(template.Metadata.Annotations ?? []) { [WellKnown.RestartedAt] = restartedAt };
        return template with { Metadata = template.Metadata with { Annotations = annotations } };
    }

    /// <summary>
    /// The Deployment set back to a ReplicaSet's template, the inverse of <see cref="EffectiveTemplate"/>:
    /// the set's hash label goes, and its restart time (or its absence) moves back onto the Deployment.
    /// </summary>
    public static Deployment WithTemplateOf(Deployment deployment, ReplicaSet set)
    {
        var template = set.Spec.Template;
        var labels = new Dictionary<string, string>(template.Metadata.Labels ?? []);
        labels.Remove(WellKnown.PodTemplateHash);
        var templateAnnotations = new Dictionary<string, string>(template.Metadata.Annotations ?? []);
        templateAnnotations.Remove(WellKnown.RestartedAt, out var restartedAt);
        var annotations = new Dictionary<string, string>(deployment.Metadata.Annotations ?? []);
        if (restartedAt is null) annotations.Remove(WellKnown.RestartedAt);
        else annotations[WellKnown.RestartedAt] = restartedAt;
        return deployment with
        {
            Metadata = deployment.Metadata with { Annotations = annotations.Count == 0 ? null : annotations },
            Spec = deployment.Spec with
            {
                Template = template with
                {
                    Metadata = template.Metadata with { Labels = labels, Annotations = templateAnnotations.Count == 0 ? null : templateAnnotations },
                },
            },
        };
    }

    public static bool IsPaused(Deployment deployment) =>
        deployment.Spec.Paused == true || deployment.Annotation(WellKnown.Paused) == "true";
}
