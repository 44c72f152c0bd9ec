using GitOrch.Engine.Planning;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli.Output;

/// <summary>Prints a plan: one line per change, or a coloured unified diff per object, then a summary.</summary>
public sealed class ChangePrinter(TextWriter output)
{
    private readonly Colors _colors = Colors.For(output);

    /// <summary>An apply's warnings and changes, after a line for an interrupted release it had to finish first.</summary>
    public void PrintApplied(ApplyResult result, string suffix = "")
    {
        foreach (var warning in result.Warnings)
            output.WriteLine(_colors.Yellow($"warning: {warning}"));
        if (result.Recovered is { } recovered)
            output.WriteLine($"finished release {recovered.Number} (commit {recovered.ShortCommit}), which an interrupted apply had left half-written");
        PrintLines(result.Changes, suffix);
    }

    public void PrintLines(IReadOnlyList<Change> changes, string suffix = "")
    {
        foreach (var change in changes)
            output.WriteLine(Paint(change.Action, change.Describe()) + suffix);
    }

    public void PrintDiffs(IReadOnlyList<Change> changes)
    {
        foreach (var change in changes)
            foreach (var line in ObjectDiff.Unified(change).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                output.WriteLine(PaintDiffLine(line));
    }

    public static string Summary(IReadOnlyList<Change> changes) =>
        $"{Count(changes, ChangeAction.Create)} to create, {Count(changes, ChangeAction.Update)} to update, {Count(changes, ChangeAction.Delete)} to delete";

    private static int Count(IReadOnlyList<Change> changes, ChangeAction action) => changes.Count(change => change.Action == action);

    private string Paint(ChangeAction action, string text) => action switch
    {
        ChangeAction.Create => _colors.Green(text),
        ChangeAction.Delete => _colors.Red(text),
        _ => _colors.Cyan(text),
    };

    private string PaintDiffLine(string line) => line switch
    {
        _ when line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith("+++", StringComparison.Ordinal) => _colors.Bold(line),
        _ when line.StartsWith("@@", StringComparison.Ordinal) => _colors.Cyan(line),
        _ when line.StartsWith('+') => _colors.Green(line),
        _ when line.StartsWith('-') => _colors.Red(line),
        _ => line,
    };
}
