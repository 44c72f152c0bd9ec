using GitOrch.Api.Serialization;
using GitOrch.Engine.Git;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOrch.Engine.Kustomize;

/// <summary>
/// What GitOrch reads of a kustomization file itself: the other kustomizations and files it builds on
/// (<c>resources</c>, <c>bases</c> and <c>components</c>), so that it can tell a root from a base and know
/// when a render is stale. kustomize does the rendering. A remote base (a URL) is refused.
/// </summary>
public sealed record KustomizationFile(string Path, IReadOnlyList<string> References)
{
    private static readonly string[] ReferenceFields = ["resources", "bases", "components"];

    public string Folder => RepositoryLayout.Folder(Path);

    public static KustomizationFile Parse(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ManifestException(path, e.Start.Line, e.Start.Column, $"kustomization: {e.Message}");
        }
        if (stream.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root) return new KustomizationFile(path, []);
        var references = new List<string>();
        foreach (var field in ReferenceFields)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(field), out var node) || node is not YamlSequenceNode entries) continue;
            foreach (var entry in entries.OfType<YamlScalarNode>())
            {
                var value = entry.Value ?? "";
                if (IsRemote(value))
                    throw new ManifestException(path, entry.Start.Line, entry.Start.Column,
                        $"{field}: \"{value}\" is a remote base; GitOrch renders only what is in the repository, so vendor it into the repo");
                references.Add(value);
            }
        }
        return new KustomizationFile(path, references);
    }

    private static bool IsRemote(string reference) =>
        reference.Contains("://", StringComparison.Ordinal) || reference.StartsWith("git@", StringComparison.Ordinal)
        || reference.StartsWith("github.com/", StringComparison.Ordinal) || reference.Contains("?ref=", StringComparison.Ordinal);
}
