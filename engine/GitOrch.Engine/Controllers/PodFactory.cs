using GitOrch.Api.Model;

namespace GitOrch.Engine.Controllers;

/// <summary>Makes a pod from a workload's template, owned by the workload.</summary>
public static class PodFactory
{
    public static Pod FromTemplate(KubeObject owner, PodTemplateSpec template, string name,
        IReadOnlyDictionary<string, string>? extraLabels = null, Func<PodSpec, PodSpec>? adjust = null)
    {
        var labels = new Dictionary<string, string>(template.Metadata.Labels ?? []);
        foreach (var (key, value) in extraLabels ?? new Dictionary<string, string>()) labels[key] = value;
        return new Pod
        {
            ApiVersion = Kinds.Pod.ApiVersion,
            Kind = Kinds.Pod.Kind,
            Metadata = new ObjectMeta
            {
                Name = name,
                Namespace = owner.Namespace,
                Labels = labels,
                Annotations = template.Metadata.Annotations,
                OwnerReferences = [owner.AsControllerReference()],
            },
            Spec = adjust is null ? template.Spec : adjust(template.Spec),
        };
    }

    /// <summary>The pods in the owner's namespace that it controls.</summary>
    public static IEnumerable<Pod> OwnedBy(IEnumerable<Pod> pods, KubeObject owner) => pods.Where(pod => pod.IsOwnedBy(owner));
}
