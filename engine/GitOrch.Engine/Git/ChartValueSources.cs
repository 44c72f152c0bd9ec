using GitOrch.Api.Model;
using YamlDotNet.RepresentationModel;
using static GitOrch.Engine.Git.YamlText;

namespace GitOrch.Engine.Git;

/// <summary>A file that may set a chart's value, and its values as YAML nodes.</summary>
public sealed record ChartValueSource(string Path, string Text, YamlNode Values);

/// <summary>
/// Where a ChartRelease's values can be set, in the order that wins: the release's inline values, then
/// its values files from the last, then the chart's own values.yaml. Each is read at the branch tip.
/// </summary>
public static class ChartValueSources
{
    public static IEnumerable<ChartValueSource> Of(ManifestRepository source, ChartRelease release, string releasePath)
    {
        var candidates = new List<(string Path, Func<string, YamlNode?> Root)>
        {
            (releasePath, text => Child(Declaring(text, releasePath, "ChartRelease", release.Name), "spec") is { } spec ? Child(spec, "values") : null),
        };
        foreach (var file in Enumerable.Reverse(release.Spec.ValuesFiles ?? []))
            candidates.Add((Resolve(source, file), text => Documents(text, file).FirstOrDefault()));
        candidates.Add(($"{Resolve(source, release.Spec.Chart)}/values.yaml", text => Documents(text, "values.yaml").FirstOrDefault()));
        foreach (var (path, rootOf) in candidates)
            if (BranchCommit.ReadAtHead(source, path) is { } text && rootOf(text) is { } root)
                yield return new ChartValueSource(path, text, root);
    }

    private static string Resolve(ManifestRepository source, string relative) =>
        RepositoryLayout.Resolve(source.Subdirectory, relative) ?? throw new GitSourceException($"\"{relative}\" is outside the manifest folder");
}
