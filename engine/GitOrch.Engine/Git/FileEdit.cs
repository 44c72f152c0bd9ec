using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOrch.Engine.Git;

/// <summary>A change of one field as an edit of one file: where it is declared, and the file's new text.</summary>
public sealed record FileEdit(string Path, string Field, string OldValue, string NewValue, string OriginalText, string NewText)
{
    /// <summary>The edit as a unified diff of the file, as <c>git diff</c> prints one.</summary>
    public string Patch() =>
        DiffPlex.Renderer.UnidiffRenderer.GenerateUnidiff(OriginalText, NewText, $"a/{Path}", $"b/{Path}", ignoreWhitespace: false, ignoreCase: false, contextLines: 3);

    /// <summary>Replaces the scalar's text in place, keeping its quoting, so nothing else in the file changes and the commit's diff is one line.</summary>
    public static FileEdit OfScalar(string path, string text, string field, YamlScalarNode node, string value)
    {
        var quoted = node.Style switch
        {
            ScalarStyle.DoubleQuoted => $"\"{value}\"",
            ScalarStyle.SingleQuoted => $"'{value}'",
            _ => value,
        };
        var (start, end) = ((int)node.Start.Index, (int)node.End.Index);
        return new FileEdit(path, field, node.Value ?? "", value, text, string.Concat(text.AsSpan(0, start), quoted, text.AsSpan(end)));
    }
}

/// <summary>Reading manifests' YAML as nodes that know where they are in the text, for edits that touch one scalar.</summary>
public static class YamlText
{
    public static IEnumerable<YamlNode> Documents(string text, string path)
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

    /// <summary>The document that declares the kind and name, or null.</summary>
    public static YamlNode? Declaring(string text, string path, string kind, string name) =>
        Documents(text, path).FirstOrDefault(root => Scalar(root, "kind") == kind && Scalar(Child(root, "metadata"), "name") == name);

    public static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
}
