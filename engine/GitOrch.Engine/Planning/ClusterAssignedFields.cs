using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Engine.Autoscaling;

namespace GitOrch.Engine.Planning;

/// <summary>
/// Spec fields the cluster fills in or takes over, as Kubernetes' own controllers do: the node a pod is
/// scheduled to, the volume a claim is bound to and the claim a volume is bound to, when Git leaves
/// them out, and the replicas of a
/// workload an autoscaler owns, whatever Git says. A comparison ignores them and an update from Git
/// carries them over, so a sync neither reports them as drift nor undoes them.
/// </summary>
public static class ClusterAssignedFields
{
    /// <summary>Removes from both comparable JSONs the fields that are the cluster's.</summary>
    public static void Forget(KubeObject desired, KubeObject live, JsonObject desiredJson, JsonObject liveJson)
    {
        var spec = liveJson["spec"] as JsonObject;
        switch (desired)
        {
            case Service { Spec.ClusterIP: null }: spec?.Remove("clusterIP"); break;
            case Pod { Spec.NodeName: null }: spec?.Remove("nodeName"); break;
            case PersistentVolumeClaim { Spec.VolumeName: null }: spec?.Remove("volumeName"); break;
            case PersistentVolume { Spec.ClaimRef: null }: spec?.Remove("claimRef"); break;
        }
        if (live.Annotation(WellKnown.ReplicasOwner) is not null)
        {
            spec?.Remove("replicas");
            (desiredJson["spec"] as JsonObject)?.Remove("replicas");
        }
    }

    /// <summary>The desired object with the live object's cluster-assigned fields, for an update.</summary>
    public static KubeObject Carry(KubeObject desired, KubeObject live) => (desired, live) switch
    {
        (Pod { Spec.NodeName: null } pod, Pod scheduled) => pod with { Spec = pod.Spec with { NodeName = scheduled.Spec.NodeName } },
        (PersistentVolumeClaim { Spec.VolumeName: null } claim, PersistentVolumeClaim bound) => claim with { Spec = claim.Spec with { VolumeName = bound.Spec.VolumeName } },
        (PersistentVolume { Spec.ClaimRef: null } volume, PersistentVolume bound) => volume with { Spec = volume.Spec with { ClaimRef = bound.Spec.ClaimRef } },
        _ when live.Annotation(WellKnown.ReplicasOwner) is not null && ScaleTarget.IsScalable(desired) && ScaleTarget.IsScalable(live)
            => ScaleTarget.WithReplicas(desired, ScaleTarget.Replicas(live)),
        _ => desired,
    };
}
