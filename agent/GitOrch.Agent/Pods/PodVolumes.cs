using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Pods;

/// <summary>
/// Makes a pod's volumes into directories on this node, which runtimes then bind (Docker) or link
/// (processes). emptyDir, configMap and secret live in the pod's own directory and go with it; a
/// persistentVolumeClaim is its volume's directory, which outlives the pod, so a pod that comes back
/// finds its data.
/// </summary>
public sealed class PodVolumes(string stateDirectory)
{
    public string PodDirectory(string podUid) => Path.Combine(stateDirectory, "pods", podUid);

    /// <summary>Each volume's name and host directory; configMap and secret files are (re)written.</summary>
    public IReadOnlyDictionary<string, string> Prepare(Pod pod, PodInputs inputs)
    {
        var directories = new Dictionary<string, string>();
        var podVolumes = Path.Combine(PodDirectory(pod.Metadata.Uid!), "volumes");
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            var own = PodDirectoryPaths.Inside(podVolumes, volume.Name, "volume name");
            directories[volume.Name] = volume switch
            {
                { PersistentVolumeClaim: { } claim } => inputs.Claims[claim.ClaimName],
                { HostPath: { } host } => host.Type is "DirectoryOrCreate" ? Create(host.Path) : host.Path,
                { ConfigMap: { } configMap } => WriteFiles(own, inputs.ConfigMap(configMap.Name, configMap.Optional == true), configMap.Items, configMap.DefaultMode),
                { Secret: { } secret } => WriteFiles(own, inputs.Secret(secret.SecretName, secret.Optional == true), secret.Items, secret.DefaultMode ?? Convert.ToInt32("644", 8)),
                { EmptyDir: not null } => Create(own),
                _ => throw new PodStartException($"volume {volume.Name}: no supported source (emptyDir, hostPath, configMap, secret or persistentVolumeClaim)", "CreateContainerConfigError"),
            };
        }
        return directories;
    }

    /// <summary>The container's mounts as host paths; a subPath becomes a directory inside the volume.</summary>
    public static IReadOnlyList<VolumeBind> Binds(Container container, IReadOnlyDictionary<string, string> volumes)
    {
        var binds = new List<VolumeBind>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            if (!volumes.TryGetValue(mount.Name, out var directory))
                throw new PodStartException($"container {container.Name}: volumeMount \"{mount.Name}\" names no volume of the pod", "CreateContainerConfigError");
            var source = mount.SubPath is { Length: > 0 } subPath ? SubPath(directory, subPath) : directory;
            binds.Add(new VolumeBind(mount.Name, source, mount.MountPath, mount.ReadOnly == true));
        }
        return binds;
    }

    /// <summary>Where the local-path provisioner keeps the volumes it makes on this node.</summary>
    public string ProvisionedVolumes => Path.Combine(stateDirectory, "volumes");

    public void Remove(string podUid)
    {
        var directory = PodDirectory(podUid);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private static string SubPath(string directory, string subPath)
    {
        var full = PodDirectoryPaths.Inside(directory, subPath, "subPath");
        if (PodDirectoryPaths.IsLink(full))
            throw new PodStartException($"subPath \"{subPath}\" is a symbolic link, which could lead outside its volume", "CreateContainerConfigError");
        return File.Exists(full) ? full : Create(full);
    }

    private static string Create(string directory) => Directory.CreateDirectory(directory).FullName;

    private static string WriteFiles(string directory, IReadOnlyDictionary<string, string>? data, List<KeyToPath>? items, int? mode)
    {
        Create(directory);
        var files = items is { Count: > 0 }
            ? items.Where(item => data?.ContainsKey(item.Key) == true).Select(item => (item.Path, Value: data![item.Key], Mode: item.Mode ?? mode))
            : (data ?? new Dictionary<string, string>()).Select(pair => (Path: pair.Key, pair.Value, Mode: mode));
        foreach (var (path, value, fileMode) in files)
        {
            var file = PodDirectoryPaths.Inside(directory, path, "file");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (PodDirectoryPaths.IsLink(file)) File.Delete(file); // written anew, never through a link
            File.WriteAllText(file, value);
            if (fileMode is { } bits && !OperatingSystem.IsWindows()) File.SetUnixFileMode(file, (UnixFileMode)bits);
        }
        return directory;
    }
}
