using GitOrch.Api.Model;
using YamlDotNet.RepresentationModel;
using static GitOrch.Engine.Git.YamlText;

namespace GitOrch.Engine.Git;

/// <summary>
/// Finds where a Deployment's container image is declared in Git, and edits just that scalar so the
/// commit's diff is one line: the container's image field in a manifest, or for a chart's output the
/// value that sets it (see <see cref="ChartValueSources"/>; either the whole image or a <c>tag</c>
/// beside a matching <c>repository</c>).
/// </summary>
public sealed class ImageLocator(ManifestRepository source)
{
    public FileEdit InManifest(string path, Deployment deployment, string container, string newImage)
    {
        var text = BranchCommit.ReadAtHeadOrThrow(source, path);
        var document = Declaring(text, path, "Deployment", deployment.Name)
                       ?? throw new GitSourceException($"{path} does not declare Deployment \"{deployment.Name}\" at the branch tip");
        var containers = Child(Child(Child(Child(document, "spec"), "template"), "spec"), "containers") as YamlSequenceNode;
        var image = containers?.Children.FirstOrDefault(c => Scalar(c, "name") == container) is YamlMappingNode entry ? Child(entry, "image") as YamlScalarNode : null;
        if (image is null)
            throw new GitSourceException($"{path}: Deployment \"{deployment.Name}\" has no container \"{container}\" with an image");
        return FileEdit.OfScalar(path, text, $"containers[{container}].image", image, newImage);
    }

    public FileEdit InChartValues(ChartRelease release, string releasePath, string oldImage, string newImage)
    {
        var (repository, tag) = SplitImage(oldImage);
        var (newRepository, newTag) = SplitImage(newImage);
        foreach (var (path, text, root) in ChartValueSources.Of(source, release, releasePath))
        {
            var scalars = root.AllNodes.OfType<YamlMappingNode>().SelectMany(m => m.Children).Where(pair => pair.Value is YamlScalarNode).ToList();
            if (scalars.FirstOrDefault(pair => ((YamlScalarNode)pair.Value).Value == oldImage) is { Value: YamlScalarNode whole } found)
                return FileEdit.OfScalar(path, text, $"{((YamlScalarNode)found.Key).Value}", whole, newImage);
            var tagged = root.AllNodes.OfType<YamlMappingNode>().FirstOrDefault(m => Scalar(m, "tag") == tag && Scalar(m, "repository") == repository);
            if (tagged is not null && newRepository == repository && newTag is not null)
                return FileEdit.OfScalar(path, text, "image tag", (YamlScalarNode)Child(tagged, "tag")!, newTag);
        }
        throw new GitSourceException($"no value equal to \"{oldImage}\" (or a repository and tag making it) in ChartRelease \"{release.Name}\"'s values, values files or chart defaults");
    }

    private static (string Repository, string? Tag) SplitImage(string image)
    {
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, null);
    }
}
