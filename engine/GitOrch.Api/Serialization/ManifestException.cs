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

    /// <summary>The errors that <see cref="Of"/> gathered into this one; empty for a single error.</summary>
    public IReadOnlyList<ManifestException> Errors { get; private init; } = [];

    /// <summary>The one error as it is, or the first with every other one on a line of its own after it.</summary>
    public static ManifestException Of(IReadOnlyList<ManifestException> errors)
    {
        var all = errors.SelectMany(error => error.Errors.Count == 0 ? [error] : error.Errors).ToList();
        if (all.Count == 1) return all[0];
        var lines = all.Skip(1).Take(MaxListed - 1).Select(error => error.Message).ToList();
        if (all.Count > MaxListed) lines.Add($"… and {all.Count - MaxListed} more");
        var first = all[0];
        return new ManifestException(first.Path, first.Line, first.Column, string.Join('\n', [first.Problem, .. lines])) { Errors = all };
    }
}
