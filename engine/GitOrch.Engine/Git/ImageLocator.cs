using GitOrch.Api.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOrch.Engine.Git;

/// <summary>A container image change as an edit of one file: where the image is declared, and the file's new text.</summary>
public sealed record ImageEdit(string Path, string Field, string OldValue, string NewValue, string NewText);

/// <summary>
/// Finds where a Deployment's container image is declared in Git, and edits just that scalar so the
/// commit's diff is one line: the container's image field in a manifest, or for a chart's output the
/// value that sets it (the release's inline values, then its values files, then the chart's values.yaml;
/// either the whole image or a <c>tag</c> beside a matching <c>repository</c>).
/// </summary>
public sealed class ImageLocator(ManifestRepository source)
{
    public ImageEdit InManifest(string path, Deployment deployment, string container, string newImage)
    {
        var text = Read(path);
        var document = Documents(text, path).FirstOrDefault(root => Scalar(root, "kind") == "Deployment" && Scalar(Child(root, "metadata"), "name") == deployment.Name)
                       ?? throw new GitSourceException($"{path} does not declare Deployment \"{deployment.Name}\" at the branch tip");
        var containers = Child(Child(Child(Child(document, "spec"), "template"), "spec"), "containers") as YamlSequenceNode;
        var image = containers?.Children.FirstOrDefault(c => Scalar(c, "name") == container) is YamlMappingNode entry ? Child(entry, "image") as YamlScalarNode : null;
        if (image is null)
            throw new GitSourceException($"{path}: Deployment \"{deployment.Name}\" has no container \"{container}\" with an image");
        return Edit(path, text, $"containers[{container}].image", image, newImage);
    }

    public ImageEdit InChartValues(ChartRelease release, string releasePath, string oldImage, string newImage)
    {
        var candidates = new List<(string Path, Func<string, YamlNode?> Root)>
        {
            (releasePath, text => Child(Documents(text, releasePath).FirstOrDefault(root => Scalar(root, "kind") == "ChartRelease" && Scalar(Child(root, "metadata"), "name") == release.Name), "spec") is { } spec ? Child(spec, "values") : null),
        };
        foreach (var file in Enumerable.Reverse(release.Spec.ValuesFiles ?? []))
            candidates.Add((Resolve(file), text => Documents(text, file).FirstOrDefault()));
        candidates.Add(($"{Resolve(release.Spec.Chart)}/values.yaml", text => Documents(text, "values.yaml").FirstOrDefault()));

        var (repository, tag) = SplitImage(oldImage);
        var (newRepository, newTag) = SplitImage(newImage);
        foreach (var (path, rootOf) in candidates)
        {
            if (BranchCommit.ReadAtHead(source, path) is not { } text || rootOf(text) is not { } root) continue;
            var scalars = root.AllNodes.OfType<YamlMappingNode>().SelectMany(m => m.Children).Where(pair => pair.Value is YamlScalarNode).ToList();
            if (scalars.FirstOrDefault(pair => ((YamlScalarNode)pair.Value).Value == oldImage) is { Value: YamlScalarNode whole } found)
                return Edit(path, text, $"{((YamlScalarNode)found.Key).Value}", whole, newImage);
            var tagged = root.AllNodes.OfType<YamlMappingNode>().FirstOrDefault(m => Scalar(m, "tag") == tag && Scalar(m, "repository") == repository);
            if (tagged is not null && newRepository == repository && newTag is not null)
                return Edit(path, text, "image tag", (YamlScalarNode)Child(tagged, "tag")!, newTag);
        }
        throw new GitSourceException($"no value equal to \"{oldImage}\" (or a repository and tag making it) in ChartRelease \"{release.Name}\"'s values, values files or chart defaults");
    }

    private string Read(string path) =>
        BranchCommit.ReadAtHead(source, path) ?? throw new GitSourceException($"{path} is not in the branch tip; has the manifest moved since the last sync?");

    private string Resolve(string relative) =>
        RepositoryLayout.Resolve(source.Subdirectory, relative) ?? throw new GitSourceException($"\"{relative}\" is outside the manifest folder");

    /// <summary>Replaces the scalar's text in place, keeping its quoting, so nothing else in the file changes.</summary>
    private static ImageEdit Edit(string path, string text, string field, YamlScalarNode node, string value)
    {
        var quoted = node.Style switch
        {
            ScalarStyle.DoubleQuoted => $"\"{value}\"",
            ScalarStyle.SingleQuoted => $"'{value}'",
            _ => value,
        };
        var start = (int)node.Start.Index;
        var end = (int)node.End.Index;
        return new ImageEdit(path, field, node.Value ?? "", value, string.Concat(text.AsSpan(0, start), quoted, text.AsSpan(end)));
    }

    private static (string Repository, string? Tag) SplitImage(string image)
    {
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, null);
    }

    private static IEnumerable<YamlNode> Documents(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new GitSourceException($"{path}:{e.Start.Line}: {e.Message}");
        }
        return stream.Documents.Select(document => document.RootNode);
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
}
