using System.Text.Json.Nodes;
using GitOrch.Api.Model;

namespace GitOrch.Engine.Planning;

/// <summary>
/// Spec fields the cluster fills in when Git leaves them out, as Kubernetes' own controllers do: the
/// volume a claim is bound to, the claim a volume is bound to. A comparison ignores them and an update
/// from Git carries them over, so a sync neither reports them as drift nor undoes the binding.
/// </summary>
public static class ClusterAssignedFields
{
    /// <summary>The live object's comparable JSON without the fields Git left to the cluster.</summary>
    public static JsonObject Forget(KubeObject desired, JsonObject live)
    {
        var spec = live["spec"] as JsonObject;
        switch (desired)
        {
            case Service { Spec.ClusterIP: null }: spec?.Remove("clusterIP"); break;
            case PersistentVolumeClaim { Spec.VolumeName: null }: spec?.Remove("volumeName"); break;
            case PersistentVolume { Spec.ClaimRef: null }: spec?.Remove("claimRef"); break;
        }
        return live;
    }

    /// <summary>The desired object with the live object's cluster-assigned fields, for an update.</summary>
    public static KubeObject Carry(KubeObject desired, KubeObject live) => (desired, live) switch
    {
        (PersistentVolumeClaim { Spec.VolumeName: null } claim, PersistentVolumeClaim bound) => claim with { Spec = claim.Spec with { VolumeName = bound.Spec.VolumeName } },
        (PersistentVolume { Spec.ClaimRef: null } volume, PersistentVolume bound) => volume with { Spec = volume.Spec with { ClaimRef = bound.Spec.ClaimRef } },
        _ => desired,
    };
}
