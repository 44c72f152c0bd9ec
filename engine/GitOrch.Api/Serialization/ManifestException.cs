namespace GitOrch.Api.Serialization;

/// <summary>A manifest that cannot be loaded, with the place in the file that is wrong.</summary>
public sealed class ManifestException(string path, long line, long column, string problem)
    : Exception($"{path}:{line}:{column}: {problem}")
{
    public string Path { get; } = path;
    public long Line { get; } = line;
    public long Column { get; } = column;
    public string Problem { get; } = problem;
}
