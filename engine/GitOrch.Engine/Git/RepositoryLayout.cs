namespace GitOrch.Engine.Git;

/// <summary>
/// What each YAML file in the manifest folder is. A folder holding Chart.yaml is a chart, and its files
/// are templates; a folder holding a kustomization file is rendered by kustomize; files named
/// values*.yaml are values files; every other YAML file holds manifests. Dot-folders are ignored.
/// </summary>
public static class RepositoryLayout
{
    public static readonly string[] KustomizationFileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    public static bool IsKustomizationFile(string path) => KustomizationFileNames.Contains(FileName(path), StringComparer.Ordinal);

    /// <summary>The files a load reads: YAML, and kustomization files, one spelling of which has no extension.</summary>
    public static bool IsSourceFile(string path) => IsYaml(path) || IsKustomizationFile(path);

    private static readonly string[] NeverReadExtensions = [".json", ".jsonnet", ".libsonnet", ".cue"];

    /// <summary>Configuration in a format that no load reads: a user may expect it applied, so it gets a warning.</summary>
    public static bool IsNeverRead(string path) => NeverReadExtensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    public static bool IsInChart(string path, IReadOnlySet<string> chartFolders)
    {
        for (var folder = Folder(path); folder.Length > 0; folder = Folder(folder))
            if (chartFolders.Contains(folder)) return true;
        return chartFolders.Contains("");
    }

    public static bool IsHidden(string path) => path.StartsWith('.') || path.Contains("/.", StringComparison.Ordinal);

    public static bool IsValuesFile(string path) =>
        FileName(path).StartsWith("values", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folders that hold a Chart.yaml, from the list of YAML files.</summary>
    public static HashSet<string> ChartFolders(IEnumerable<string> paths) =>
        paths.Where(path => FileName(path) == "Chart.yaml").Select(Folder).ToHashSet(StringComparer.Ordinal);

    public static bool IsManifest(string path, IReadOnlySet<string> chartFolders) =>
        !IsValuesFile(path) && !IsInChart(path, chartFolders);

    /// <summary>Joins a path written in a manifest onto the manifest root; null when it leaves the root.</summary>
    public static string? Resolve(string root, string relative)
    {
        var parts = root.Length == 0 ? new List<string>() : root.Split('/').ToList();
        var depth = parts.Count;
        foreach (var part in relative.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == depth) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return relative.StartsWith('/') ? null : string.Join('/', parts);
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The folder a path is in; "" for the root.</summary>
    public static string Folder(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";
}
