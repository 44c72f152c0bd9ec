using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>A pod's volumes: unique DNS-label names, one source each, and file paths that stay inside the volume.</summary>
internal static class VolumeValidator
{
    private const int MaxFileMode = 0x1FF; // 0777

    /// <summary>Checks the volumes and returns their names, which the containers' mounts must use.</summary>
    public static IReadOnlySet<string> Validate(List<Volume>? volumes, string path, Checks checks)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (volumes?.Count ?? 0); i++)
        {
            var volume = volumes![i];
            var volumePath = Index(path, i);
            if (volume.Name.Length == 0) checks.Fail(Child(volumePath, "name"), "is required");
            checks.DnsLabel(Child(volumePath, "name"), volume.Name);
            if (!names.Add(volume.Name))
                checks.Fail(Child(volumePath, "name"), $"\"{volume.Name}\" is used twice; each volume name must be unique in the pod");
            Source(volume, volumePath, checks);
        }
        return names;
    }

    private static void Source(Volume volume, string path, Checks checks)
    {
        var sources = (volume.EmptyDir is null ? 0 : 1) + (volume.HostPath is null ? 0 : 1) + (volume.ConfigMap is null ? 0 : 1)
            + (volume.Secret is null ? 0 : 1) + (volume.PersistentVolumeClaim is null ? 0 : 1);
        checks.Require(sources == 1, path, "needs exactly one of emptyDir, hostPath, configMap, secret, persistentVolumeClaim");
        if (volume.EmptyDir is { } emptyDir)
        {
            if (emptyDir.Medium is { Length: > 0 } medium and not "Memory")
                checks.Fail(Child(Child(path, "emptyDir"), "medium"), $"\"{medium}\" must be Memory or empty");
            checks.Quantity(Child(Child(path, "emptyDir"), "sizeLimit"), emptyDir.SizeLimit);
        }
        if (volume.HostPath is { } hostPath)
        {
            checks.Require(hostPath.Path.StartsWith('/'), Child(Child(path, "hostPath"), "path"), $"\"{hostPath.Path}\" must be an absolute path");
            checks.OneOf(Child(Child(path, "hostPath"), "type"), hostPath.Type is "" ? null : hostPath.Type,
                "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice");
        }
        if (volume.ConfigMap is { } configMap)
            Files(Child(path, "configMap"), "name", configMap.Name, configMap.Items, configMap.DefaultMode, checks);
        if (volume.Secret is { } secret)
            Files(Child(path, "secret"), "secretName", secret.SecretName, secret.Items, secret.DefaultMode, checks);
        if (volume.PersistentVolumeClaim is { } claim)
        {
            var claimPath = Child(Child(path, "persistentVolumeClaim"), "claimName");
            checks.Require(claim.ClaimName.Length > 0, claimPath, "is required");
            checks.DnsSubdomain(claimPath, claim.ClaimName);
        }
    }

    /// <summary>A configMap or secret volume: the object it names, and each item's key, relative path and mode.</summary>
    private static void Files(string path, string nameField, string name, List<KeyToPath>? items, int? defaultMode, Checks checks)
    {
        checks.Require(name.Length > 0, Child(path, nameField), "is required");
        checks.DnsSubdomain(Child(path, nameField), name);
        Mode(Child(path, "defaultMode"), defaultMode, checks);
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var item = items![i];
            var itemPath = Index(Child(path, "items"), i);
            if (!KubeSyntax.IsConfigKey(item.Key))
                checks.Fail(Child(itemPath, "key"), $"\"{item.Key}\" must be letters, digits, '-', '_' and '.', and not '.' or '..'");
            if (!KubeSyntax.IsContainedRelativePath(item.Path))
                checks.Fail(Child(itemPath, "path"), $"\"{item.Path}\" must be a relative path without a '..' element");
            Mode(Child(itemPath, "mode"), item.Mode, checks);
        }
    }

    private static void Mode(string path, int? mode, Checks checks)
    {
        if (mode is < 0 or > MaxFileMode)
            checks.Fail(path, $"{mode} must be a file mode from 0 to 0777 (511)");
    }
}
