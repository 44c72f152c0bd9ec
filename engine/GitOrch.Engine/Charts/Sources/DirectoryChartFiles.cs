namespace GitOrch.Engine.Charts.Sources;

/// <summary>A chart in a folder on disk, for <c>gitorch template</c>.</summary>
public sealed class DirectoryChartFiles(string directory) : IChartFiles
{
    public string Root { get; } = directory.TrimEnd('/');

    public string? ReadText(string relativePath)
    {
        var path = Path.Combine(directory, relativePath);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public byte[]? ReadBytes(string relativePath)
    {
        var path = Path.Combine(directory, relativePath);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public IReadOnlyList<string> ListFiles(string relativeFolder)
    {
        var folder = Path.Combine(directory, relativeFolder);
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
    }

    public IReadOnlyList<string> ListAllFiles() =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(directory, path).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];
}
