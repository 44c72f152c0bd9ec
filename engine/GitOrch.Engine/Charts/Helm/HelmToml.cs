using System.Text;
using GitOrch.Engine.Charts.GoTemplates;

namespace GitOrch.Engine.Charts.Helm;

/// <summary>TOML for toToml: a map's plain keys first, then a [table] per nested map, keys sorted.</summary>
public static class HelmToml
{
    public static string Write(object? value)
    {
        if (value is not IDictionary<string, object?> map) return "";
        var text = new StringBuilder();
        WriteTable(text, map, "");
        return text.ToString();
    }

    private static void WriteTable(StringBuilder text, IDictionary<string, object?> map, string prefix)
    {
        var pairs = map.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        foreach (var (key, value) in pairs.Where(pair => pair.Value is not IDictionary<string, object?>))
            text.Append(Key(key)).Append(" = ").Append(Value(value)).Append('\n');
        foreach (var (key, value) in pairs.Where(pair => pair.Value is IDictionary<string, object?>))
        {
            var name = prefix.Length == 0 ? Key(key) : $"{prefix}.{Key(key)}";
            text.Append('\n').Append('[').Append(name).Append("]\n");
            WriteTable(text, (IDictionary<string, object?>)value!, name);
        }
    }

    private static string Key(string key) => key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && key.Length > 0 ? key : GoFormat.Quote(key);

    private static string Value(object? value) => value switch
    {
        string s => GoFormat.Quote(s),
        bool b => b ? "true" : "false",
        double d => HelmYaml.Number(d),
        IList<object?> list => $"[{string.Join(", ", list.Select(Value))}]",
        null => "\"\"",
        _ => GoValues.Print(value),
    };
}
