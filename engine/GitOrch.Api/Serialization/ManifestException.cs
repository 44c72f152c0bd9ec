namespace GitOrch.Api.Serialization;

/// <summary>
/// A manifest that cannot be loaded, with the place in the file that is wrong. A commit with several
/// bad files gets one exception for all of them (<see cref="Of"/>): its message is one line per error.
/// </summary>
public sealed class ManifestException(string path, long line, long column, string problem)
    : Exception($"{path}:{line}:{column}: {problem}")
{
    /// <summary>At most this many errors are listed, then a count of the rest.</summary>
    public const int MaxListed = 20;

    public string Path { get; } = path;
    public long Line { get; } = line;
    public long Column { get; } = column;
    public string Problem { get; } = problem;

    /// <summary>The one error as it is, or the first with every other one on a line of its own after it.</summary>
    public static ManifestException Of(IReadOnlyList<ManifestException> errors)
    {
        if (errors.Count == 1) return errors[0];
        var lines = errors.Skip(1).Take(MaxListed - 1).Select(error => error.Message).ToList();
        if (errors.Count > MaxListed) lines.Add($"… and {errors.Count - MaxListed} more");
        var first = errors[0];
        return new ManifestException(first.Path, first.Line, first.Column, string.Join('\n', [first.Problem, .. lines]));
    }
}
