using GitOrch.Api.Model;

namespace GitOrch.Api.Vocabulary;

/// <summary>
/// The volumes the local-path provisioner makes: one directory per claim on the node that holds it,
/// named after the volume, with a node affinity that pins every pod using it to that node.
/// </summary>
public static class LocalPathVolumes
{
    /// <summary>The volume's name for a claim, as Kubernetes provisioners name theirs: pvc-UID.</summary>
    public static string NameFor(PersistentVolumeClaim claim) => $"pvc-{claim.Metadata.Uid}";

    /// <summary>The volume a node's provisioner makes for a claim of a local-path class.</summary>
    public static PersistentVolume For(PersistentVolumeClaim claim, StorageClass storageClass, string node, string directory) => new()
    {
        ApiVersion = Kinds.PersistentVolume.ApiVersion,
        Kind = Kinds.PersistentVolume.Kind,
        Metadata = new ObjectMeta
        {
            Name = NameFor(claim),
            Annotations = new Dictionary<string, string> { [WellKnown.ProvisionedBy] = WellKnown.LocalPathProvisioner },
        },
        Spec = new PersistentVolumeSpec
        {
            Capacity = new Dictionary<string, string> { ["storage"] = claim.Spec.Resources?.Requests?.GetValueOrDefault("storage") ?? "0" },
            AccessModes = claim.Spec.AccessModes,
            PersistentVolumeReclaimPolicy = storageClass.ReclaimPolicy ?? VolumePhases.Delete,
            StorageClassName = storageClass.Name,
            ClaimRef = new ObjectReference { Kind = Kinds.PersistentVolumeClaim.Kind, Namespace = claim.Namespace ?? WellKnown.DefaultNamespace, Name = claim.Name, Uid = claim.Metadata.Uid },
            HostPath = new HostPathVolumeSource { Path = directory, Type = "DirectoryOrCreate" },
            NodeAffinity = new VolumeNodeAffinity { Required = OnNode(node) },
        },
    };

    /// <summary>A node selector that matches one node, by its hostname label.</summary>
    public static NodeSelector OnNode(string node) => new()
    {
        NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = WellKnown.Hostname, Operator = "In", Values = [node] }] }],
    };

    public static bool IsProvisioned(PersistentVolume volume) => volume.Annotation(WellKnown.ProvisionedBy) == WellKnown.LocalPathProvisioner;

    /// <summary>The one node a volume's affinity names by hostname, or null when it names none or several.</summary>
    public static string? NodeOf(PersistentVolume volume) =>
        volume.Spec.NodeAffinity?.Required?.NodeSelectorTerms is [{ MatchExpressions: [{ Key: WellKnown.Hostname, Operator: "In", Values: [var node] }] }] ? node : null;
}
