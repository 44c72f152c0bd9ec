namespace GitOrch.Cli.Output;

/// <summary>
/// A table printed a row at a time, as <c>-w</c> does: the widths come from the header and the rows
/// known when it starts, so later rows line up with the header unless a cell is longer than any before.
/// </summary>
public sealed class StreamedTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> knownRows)
{
    private readonly int[] _widths = header.Select((title, i) => knownRows.Select(row => row[i].Length).Append(title.Length).Max()).ToArray();

    public string Header => Line(header);

    public string Line(IReadOnlyList<string> cells) =>
        string.Join("   ", cells.Select((cell, i) => i == cells.Count - 1 ? cell : cell.PadRight(_widths[i]))).TrimEnd();
}
