namespace GitOrch.Api.Serialization;

/// <summary>
/// A manifest that cannot be loaded, with the place in the file that is wrong. A commit with several
/// bad files gets one exception for all of them (<see cref="Of"/>): its message is one line per error.
/// </summary>
public sealed class ManifestException : Exception
{
    /// <summary>At most this many errors are listed, then a count of the rest.</summary>
    public const int MaxListed = 20;

    /// <param name="problem">What is wrong; a line break in it (a template's text quoted in an error, say) is written as \n, so each error stays one line.</param>
    public ManifestException(string path, long line, long column, string problem)
        : this(OneLine(path), line, column, OneLine(problem), []) { }

    private ManifestException(string path, long line, long column, string problem, IReadOnlyList<ManifestException> errors)
        : base($"{path}:{line}:{column}: {problem}")
    {
        Path = path;
        Line = line;
        Column = column;
        Problem = problem;
        Errors = errors;
    }

    public string Path { get; }
    public long Line { get; }
    public long Column { get; }
    public string Problem { get; }

    /// <summary>The errors that <see cref="Of"/> gathered into this one; empty for a single error.</summary>
    public IReadOnlyList<ManifestException> Errors { get; }

    /// <summary>The one error as it is, or the first with every other one on a line of its own after it.</summary>
    public static ManifestException Of(IReadOnlyList<ManifestException> errors)
    {
        var all = errors.SelectMany(error => error.Errors.Count == 0 ? [error] : error.Errors).ToList();
        if (all.Count == 1) return all[0];
        var lines = all.Skip(1).Take(MaxListed - 1).Select(error => error.Message).ToList();
        if (all.Count > MaxListed) lines.Add($"… and {all.Count - MaxListed} more");
        var first = all[0];
        return new ManifestException(first.Path, first.Line, first.Column, string.Join('\n', [first.Problem, .. lines]), all);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings("\\n");
}
