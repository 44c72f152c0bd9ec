using GitOrch.Api.Model;

namespace GitOrch.Agent.Runtime;

/// <summary>
/// A pod's persistentVolumeClaim volumes (a StatefulSet's volume claims) as directories on this node,
/// one per claim under <paramref name="root"/>. They are created on first use and never removed with
/// the pod, so a StatefulSet pod that comes back finds its data.
/// </summary>
public sealed class PersistentVolumes(string root)
{
    /// <summary>Each claim volume's name and its host directory, created if missing.</summary>
    public IReadOnlyDictionary<string, string> Prepare(Pod pod)
    {
        var directories = new Dictionary<string, string>();
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            if (volume?["persistentVolumeClaim"]?["claimName"]?.GetValue<string>() is not { Length: > 0 } claim) continue;
            var name = volume["name"]?.GetValue<string>() ?? claim;
            directories[name] = Directory.CreateDirectory(Path.Combine(root, pod.Namespace ?? WellKnown.DefaultNamespace, claim)).FullName;
        }
        return directories;
    }

    /// <summary>The container's mounts of claim volumes, as (host directory, path in the container, read-only).</summary>
    public static IEnumerable<(string HostPath, string MountPath, bool ReadOnly)> Mounts(Container container, IReadOnlyDictionary<string, string> claims)
    {
        foreach (var mount in container.VolumeMounts ?? [])
            if (mount?["name"]?.GetValue<string>() is { } name && claims.TryGetValue(name, out var directory) && mount["mountPath"]?.GetValue<string>() is { } path)
                yield return (directory, path, mount["readOnly"]?.GetValue<bool>() == true);
    }
}
