namespace GitOrch.Cli.Output;

/// <summary>The columns <c>-L KEY</c> and <c>--show-labels</c> add to a table, after the kind's own.</summary>
public static class LabelColumns
{
    /// <param name="keys">Label keys, each flag value possibly a comma-separated list, as kubectl takes them.</param>
    public static IReadOnlyList<Column> For(IEnumerable<string> keys, bool showLabels)
    {
        var columns = keys.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(key => new Column(key[(key.LastIndexOf('/') + 1)..].ToUpperInvariant(), obj => obj.Labels.GetValueOrDefault(key, "")))
            .ToList();
        if (showLabels)
            columns.Add(new Column("LABELS", obj => obj.Labels.Count == 0
                ? "<none>"
                : string.Join(",", obj.Labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}"))));
        return columns;
    }
}
