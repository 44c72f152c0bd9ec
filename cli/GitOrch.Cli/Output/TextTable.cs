namespace GitOrch.Cli.Output;

/// <summary>Left-aligned columns separated by three spaces, as kubectl prints them.</summary>
public static class TextTable
{
    public static void Write(TextWriter output, IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var lines = new List<string[]> { header.ToArray() };
        lines.AddRange(rows.Select(row => row.ToArray()));
        var widths = Enumerable.Range(0, lines[0].Length).Select(i => lines.Max(line => line[i].Length)).ToArray();
        foreach (var line in lines)
            output.WriteLine(string.Join("   ", line.Select((cell, i) => i == line.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
    }
}
