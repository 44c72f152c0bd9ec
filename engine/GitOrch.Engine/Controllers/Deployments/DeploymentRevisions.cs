using System.Globalization;
using GitOrch.Api.Model;

namespace GitOrch.Engine.Controllers.Deployments;

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

    public static bool IsPaused(Deployment deployment) =>
        deployment.Spec.Paused == true || deployment.Annotation(WellKnown.Paused) == "true";
}
