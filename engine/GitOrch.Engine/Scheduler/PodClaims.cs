using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;

namespace GitOrch.Engine.Scheduler;

/// <summary>What a pod's volume claims ask of its node.</summary>
/// <param name="Waiting">Why the pod cannot be placed yet (a missing or unbound claim), or null.</param>
/// <param name="Nodes">The node selectors of the volumes it uses: the pod must land where they are.</param>
/// <param name="ToPlace">Claims that wait for their first consumer: their volume is made on the node the pod gets.</param>
public sealed record ClaimNeeds(string? Waiting, IReadOnlyList<NodeSelector> Nodes, IReadOnlyList<PersistentVolumeClaim> ToPlace)
{
    public static readonly ClaimNeeds None = new(null, [], []);
}

/// <summary>Reads a pod's claims, their volumes and classes from the scheduler's caches.</summary>
public sealed class PodClaims(SharedInformers informers)
{
    public static readonly IReadOnlyList<KindInfo> Kinds = [Api.Model.Kinds.PersistentVolumeClaim, Api.Model.Kinds.PersistentVolume, Api.Model.Kinds.StorageClass];

    private ObjectCache Claims => informers.For(Api.Model.Kinds.PersistentVolumeClaim);

    public ClaimNeeds For(Pod pod)
    {
        var names = (pod.Spec.Volumes ?? []).Select(volume => volume.PersistentVolumeClaim?.ClaimName).OfType<string>().Distinct().ToList();
        if (names.Count == 0) return ClaimNeeds.None;
        var ns = pod.Namespace ?? WellKnown.DefaultNamespace;
        var nodes = new List<NodeSelector>();
        var toPlace = new List<PersistentVolumeClaim>();
        foreach (var name in names)
        {
            if (Claims.Get(ObjectKeys.For(Api.Model.Kinds.PersistentVolumeClaim, ns, name)) is not PersistentVolumeClaim claim)
                return new ClaimNeeds($"persistentvolumeclaim \"{name}\" not found", [], []);
            if (claim.Spec.VolumeName is { } volumeName
                && informers.For(Api.Model.Kinds.PersistentVolume).Get(ObjectKeys.For(Api.Model.Kinds.PersistentVolume, null, volumeName)) is PersistentVolume volume)
            {
                if (volume.Spec.NodeAffinity?.Required is { } required) nodes.Add(required);
            }
            else if (claim.Annotation(WellKnown.SelectedNode) is { } selected)
                nodes.Add(LocalPathVolumes.OnNode(selected));
            else if (StorageClasses.Of(claim, informers.For(Api.Model.Kinds.StorageClass).Objects.OfType<StorageClass>(), out _) is { VolumeBindingMode: VolumePhases.WaitForFirstConsumer } storageClass
                     && StorageClasses.IsLocalPath(storageClass))
                toPlace.Add(claim);
            else
                return new ClaimNeeds($"pod has unbound immediate PersistentVolumeClaims (\"{name}\" is {claim.Status?.Phase ?? VolumePhases.Pending})", [], []);
        }
        return new ClaimNeeds(null, nodes, toPlace);
    }
}
