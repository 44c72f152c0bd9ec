using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;

namespace GitOrch.Agent.Storage;

/// <summary>
/// Finds the directory behind each claim a pod mounts: the claim must be bound, its volume reserved for
/// it and on this node. Until then the pod's containers wait, as the kubelet waits for volumes to attach.
/// </summary>
public static class ClaimDirectories
{
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(ObjectClient client, Pod pod, string nodeName, CancellationToken cancellationToken)
    {
        var directories = new Dictionary<string, string>();
        var ns = pod.Namespace ?? WellKnown.DefaultNamespace;
        foreach (var name in (pod.Spec.Volumes ?? []).Select(volume => volume.PersistentVolumeClaim?.ClaimName).OfType<string>().Distinct())
        {
            var claim = await client.GetAsync<PersistentVolumeClaim>(ns, name, cancellationToken)
                        ?? throw new PodStartException($"persistentvolumeclaim \"{name}\" not found", "CreateContainerConfigError");
            if (claim.Status?.Phase != VolumePhases.Bound || claim.Spec.VolumeName is not { } volumeName)
                throw Waiting($"persistentvolumeclaim \"{name}\" is not bound yet");
            var volume = await client.GetAsync<PersistentVolume>(null, volumeName, cancellationToken);
            if (volume is null || !volume.IsReservedFor(claim))
                throw Waiting($"volume \"{volumeName}\" of claim \"{name}\" is not bound to it");
            if (LocalPathVolumes.NodeOf(volume) is { } home && home != nodeName)
                throw new PodStartException($"volume \"{volumeName}\" of claim \"{name}\" lives on node {home}, not on this node", "CreateContainerConfigError");
            directories[name] = Prepare(volume);
        }
        return directories;
    }

    /// <summary>A provisioned or DirectoryOrCreate volume's directory is made if missing; any other must exist.</summary>
    private static string Prepare(PersistentVolume volume)
    {
        var path = volume.Spec.HostPath?.Path ?? volume.Spec.Local?.Path ?? "";
        if (volume.Spec.HostPath?.Type == "DirectoryOrCreate") return Directory.CreateDirectory(path).FullName;
        return Directory.Exists(path) ? path : throw new PodStartException($"volume \"{volume.Name}\": directory {path} does not exist on this node", "CreateContainerConfigError");
    }

    private static PodStartException Waiting(string message) => new(message, "ContainerCreating");
}
