using GitOrch.Api.Model;

namespace GitOrch.Api.Serialization;

/// <summary>Fills in what Kubernetes defaults, so that an omitted field and its default compare equal.</summary>
public static class ObjectDefaults
{
    public static KubeObject Apply(KubeObject obj, string defaultNamespace = WellKnown.DefaultNamespace)
    {
        obj = GeneratedNames.Assign(obj);
        var info = Kinds.For(obj);
        if (info.Namespaced && obj.Namespace is null)
            obj = obj with { Metadata = obj.Metadata with { Namespace = defaultNamespace } };
        return obj switch
        {
            Deployment d when d.Spec.Replicas is null => d with { Spec = d.Spec with { Replicas = 1 } },
            ReplicaSet r when r.Spec.Replicas is null => r with { Spec = r.Spec with { Replicas = 1 } },
            ReplicationController c => c with { Spec = c.Spec with { Replicas = c.Spec.Replicas ?? 1, Selector = c.Spec.Selector ?? c.Spec.Template.Metadata.Labels } },
            StatefulSet s when s.Spec.Replicas is null => s with { Spec = s.Spec with { Replicas = 1 } },
            _ => obj,
        };
    }
}
