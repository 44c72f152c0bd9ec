using GitOrch.Engine.Charts.Sources;

namespace GitOrch.Engine.Tests.Fuzzing;

/// <summary>A chart held in a dictionary of relative paths, so that a fuzzing run renders thousands without touching the disk.</summary>
public sealed class InMemoryChartFiles(string root, IReadOnlyDictionary<string, string> files) : IChartFiles
{
    public string Root => root;

    public string? ReadText(string relativePath) => files.GetValueOrDefault(relativePath);

    public byte[]? ReadBytes(string relativePath) => ReadText(relativePath) is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : null;

    public IReadOnlyList<string> ListFiles(string relativeFolder) =>
        [.. files.Keys.Where(path => Path.GetDirectoryName(path) == relativeFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> ListAllFiles() => [.. files.Keys.Order(StringComparer.Ordinal)];
}
