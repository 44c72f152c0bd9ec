namespace GitOrch.Engine.Charts.Sources;

/// <summary>A subchart kept as a folder in its parent's charts/.</summary>
public sealed class SubfolderChartFiles(IChartFiles parent, string folder) : IChartFiles
{
    public string Root { get; } = $"{parent.Root}/{folder}";

    public string? ReadText(string relativePath) => parent.ReadText($"{folder}/{relativePath}");

    public byte[]? ReadBytes(string relativePath) => parent.ReadBytes($"{folder}/{relativePath}");

    public IReadOnlyList<string> ListFiles(string relativeFolder) => parent.ListFiles($"{folder}/{relativeFolder}");

    public IReadOnlyList<string> ListAllFiles() =>
        parent.ListAllFiles().Where(path => path.StartsWith(folder + "/", StringComparison.Ordinal)).Select(path => path[(folder.Length + 1)..]).ToList();
}
