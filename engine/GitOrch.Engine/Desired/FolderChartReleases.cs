using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts.Sources;
using GitOrch.Engine.Git;
using LibGit2Sharp;

namespace GitOrch.Engine.Desired;

/// <summary>
/// A Helm chart's folder that no ChartRelease refers to is a release of its own, as an application's
/// path is in Argo CD: named after its folder (or, at the root, after the chart), in the default
/// namespace, with the chart's values.yaml. The release is not an object of its own; its output is.
/// </summary>
internal static class FolderChartReleases
{
    public static IEnumerable<LoadedObject> For(Commit commit, IEnumerable<string> chartFolders, IReadOnlySet<string> referenced, string manifestRoot) =>
        chartFolders.Where(folder => !referenced.Contains(folder)).Order(StringComparer.Ordinal)
            .Select(folder => (Folder: folder, Metadata: MetadataOf(commit, folder)))
            .Where(chart => chart.Metadata is { UsesGoTemplates: true })
            .Select(chart => new LoadedObject(new ChartRelease
            {
                ApiVersion = Kinds.ChartRelease.ApiVersion,
                Kind = Kinds.ChartRelease.Kind,
                Metadata = new ObjectMeta { Name = chart.Folder.Length == 0 ? chart.Metadata!.Name : chart.Folder[(chart.Folder.LastIndexOf('/') + 1)..], Namespace = WellKnown.DefaultNamespace },
                Spec = new ChartReleaseSpec { Chart = RelativeTo(manifestRoot, chart.Folder) },
            }, $"{(chart.Folder.Length == 0 ? "" : chart.Folder + "/")}{ChartMetadata.FileName}", 1, 1, 1));

    /// <summary>The chart's metadata, or null when its Chart.yaml does not read; rendering it then says why.</summary>
    private static ChartMetadata? MetadataOf(Commit commit, string folder)
    {
        if ((folder.Length == 0 ? commit.Tree : commit[folder]?.Target) is not Tree tree) return null;
        try
        {
            return ChartMetadata.Read(new GitTreeChartFiles(tree, folder));
        }
        catch (ManifestException)
        {
            return null;
        }
    }

    private static string RelativeTo(string manifestRoot, string folder) =>
        manifestRoot.Length == 0 ? folder : folder == manifestRoot ? "." : folder[(manifestRoot.Length + 1)..];
}
