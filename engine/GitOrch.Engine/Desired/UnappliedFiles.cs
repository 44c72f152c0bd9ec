using System.Text.RegularExpressions;
using GitOrch.Engine.Git;
using LibGit2Sharp;

namespace GitOrch.Engine.Desired;

/// <summary>
/// What a commit holds that nothing applies, said once per load so that nothing is skipped silently: a
/// chart that no ChartRelease refers to (a Helm chart among them, which GitOrch does not render yet), and
/// files in formats GitOrch never reads, such as Jsonnet.
/// </summary>
public static partial class UnappliedFiles
{
    private const int Listed = 5;
    private const int TemplatesLooked = 20;

    /// <summary>An action that only Go's templates have: a field of the dot, a variable, or include, define and template.</summary>
    [GeneratedRegex(@"\{\{-?\s*(\.[A-Za-z]|\$|include\s|define\s|template\s|(if|range|with)\s+[.$])")]
    private static partial Regex GoTemplateAction();

    public static IEnumerable<string> UnreferencedCharts(Commit commit, IEnumerable<string> chartFolders, IReadOnlySet<string> referenced) =>
        chartFolders.Where(folder => !referenced.Contains(folder)).Order(StringComparer.Ordinal).Select(folder =>
            $"{(folder.Length == 0 ? "" : folder + "/")}Chart.yaml: no ChartRelease refers to this chart, so nothing in its folder is applied" +
            (IsHelmChart(commit, folder) ? "; it is a Helm chart (Go templates), which GitOrch does not render yet" : ""));

    /// <summary>One line naming the files no load reads, or nothing when there are none.</summary>
    public static IEnumerable<string> NeverRead(IReadOnlyCollection<string> paths)
    {
        if (paths.Count == 0) yield break;
        var named = string.Join(", ", paths.Order(StringComparer.Ordinal).Take(Listed));
        var more = paths.Count > Listed ? $" and {paths.Count - Listed} more" : "";
        yield return $"{named}{more}: never applied; GitOrch applies YAML manifests, kustomizations and charts";
    }

    private static bool IsHelmChart(Commit commit, string folder)
    {
        var templates = folder.Length == 0 ? "templates" : $"{folder}/templates";
        return commit[templates]?.Target is Tree tree && tree
            .Where(entry => entry.TargetType == TreeEntryTargetType.Blob)
            .Take(TemplatesLooked)
            .Any(entry => GoTemplateAction().IsMatch(((Blob)entry.Target).GetContentText()));
    }
}
