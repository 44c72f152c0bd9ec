using GitOrch.Api.Model;
using GitOrch.Api.Policy;

namespace GitOrch.Engine.Desired;

/// <summary>
/// At load time, one warning per declared pod or workload whose pods its namespace's Pod Security level
/// will refuse, so that <c>apply</c> says so before the controllers record FailedCreate. The level is
/// the one the commit declares for the namespace; a namespace it does not declare counts as baseline.
/// </summary>
public static class PodSecurityWarnings
{
    public static IEnumerable<string> For(IReadOnlyCollection<DesiredObject> declared)
    {
        var levels = declared.Select(item => item.Object).OfType<Namespace>().ToDictionary(ns => ns.Name, PodSecurityStandards.LevelOf);
        foreach (var item in declared.OrderBy(item => item.Path, StringComparer.Ordinal).ThenBy(item => item.Line))
        {
            if (PodSpecOf(item.Object) is not { } spec) continue;
            var ns = item.Object.Namespace ?? WellKnown.DefaultNamespace;
            if (PodSecurityStandards.FirstViolation(spec, levels.GetValueOrDefault(ns, PodSecurityLevel.Baseline)) is { } violation)
                yield return $"{item.Path}:{item.Line}: {item.Object.Kind} \"{item.Object.Name}\": its pods will be refused in namespace {ns}: {violation}";
        }
    }

    private static PodSpec? PodSpecOf(KubeObject obj) => obj switch
    {
        Pod pod => pod.Spec,
        Deployment deployment => deployment.Spec.Template.Spec,
        ReplicaSet set => set.Spec.Template.Spec,
        ReplicationController controller => controller.Spec.Template.Spec,
        StatefulSet set => set.Spec.Template.Spec,
        DaemonSet set => set.Spec.Template.Spec,
        Job job => job.Spec.Template.Spec,
        CronJob cronJob => cronJob.Spec.JobTemplate.Spec.Template.Spec,
        _ => null,
    };
}
