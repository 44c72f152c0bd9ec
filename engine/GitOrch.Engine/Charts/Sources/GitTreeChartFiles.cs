using LibGit2Sharp;

namespace GitOrch.Engine.Charts.Sources;

/// <summary>A chart as a tree of one commit.</summary>
public sealed class GitTreeChartFiles(Tree tree, string root) : IChartFiles
{
    public string Root => root;

    public string? ReadText(string relativePath) => (tree[relativePath]?.Target as Blob)?.GetContentText();

    public byte[]? ReadBytes(string relativePath)
    {
        if (tree[relativePath]?.Target is not Blob blob) return null;
        using var content = blob.GetContentStream();
        using var bytes = new MemoryStream();
        content.CopyTo(bytes);
        return bytes.ToArray();
    }

    public IReadOnlyList<string> ListFiles(string relativeFolder) =>
        tree[relativeFolder]?.Target is Tree folder
            ? folder.Where(entry => entry.TargetType == TreeEntryTargetType.Blob).Select(entry => entry.Name).Order(StringComparer.Ordinal).ToList()
            : [];

    private IReadOnlyList<string>? _allFiles;

    public IReadOnlyList<string> ListAllFiles() => _allFiles ??= Walk(tree, "").Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Walk(Tree folder, string prefix) =>
        folder.SelectMany(entry => entry.Target switch
        {
            Tree inner => Walk(inner, $"{prefix}{entry.Name}/"),
            Blob => [$"{prefix}{entry.Name}"],
            _ => [],
        });
}
