namespace GitOrch.Engine.Desired;

/// <summary>
/// What a commit holds that nothing applies, said once per load so that nothing is skipped silently: a
/// GitOrch chart that no ChartRelease refers to (a Helm chart's folder is a release of its own), and
/// files in formats GitOrch never reads, such as Jsonnet.
/// </summary>
public static class UnappliedFiles
{
    private const int Listed = 5;

    /// <param name="rendered">The chart folders that a ChartRelease, or their own folder's release, renders.</param>
    public static IEnumerable<string> UnreferencedCharts(IEnumerable<string> chartFolders, IReadOnlySet<string> rendered) =>
        chartFolders.Where(folder => !rendered.Contains(folder)).Order(StringComparer.Ordinal).Select(folder =>
            $"{(folder.Length == 0 ? "" : folder + "/")}Chart.yaml: no ChartRelease refers to this chart, so nothing in its folder is applied");

    /// <summary>One line naming the files no load reads, or nothing when there are none.</summary>
    public static IEnumerable<string> NeverRead(IReadOnlyCollection<string> paths)
    {
        if (paths.Count == 0) yield break;
        var named = string.Join(", ", paths.Order(StringComparer.Ordinal).Take(Listed));
        var more = paths.Count > Listed ? $" and {paths.Count - Listed} more" : "";
        yield return $"{named}{more}: never applied; GitOrch applies YAML manifests, kustomizations and charts";
    }
}
