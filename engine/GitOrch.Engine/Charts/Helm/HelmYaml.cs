using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GitOrch.Engine.Charts.GoTemplates;

namespace GitOrch.Engine.Charts.Helm;

/// <summary>
/// YAML as Helm's toYaml writes it: keys sorted, lists at their key's indent, strings quoted only when
/// they would read back as something else, multi-line strings as literal blocks, whole numbers as integers,
/// and no newline at the end.
/// </summary>
public static partial class HelmYaml
{
    public static string Write(object? value)
    {
        var text = new StringBuilder();
        switch (value)
        {
            case IDictionary<string, object?> { Count: > 0 } map:
                WriteMap(text, map, 0);
                break;
            case IList<object?> { Count: > 0 } list:
                WriteList(text, list, 0);
                break;
            default:
                text.Append(Scalar(value, 0)).Append('\n');
                break;
        }
        return text.ToString().TrimEnd('\n');
    }

    private static void WriteMap(StringBuilder text, IDictionary<string, object?> map, int indent)
    {
        foreach (var (key, value) in map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValue(text, value, indent, nestedIndent: indent + 2, listIndent: indent);
        }
    }

    private static void WriteList(StringBuilder text, IList<object?> list, int indent)
    {
        foreach (var item in list)
        {
            text.Append(' ', indent).Append('-');
            if (item is IDictionary<string, object?> { Count: > 0 } map)
            {
                // The first key goes on the dash's line, the rest under it.
                var first = true;
                foreach (var (key, value) in map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? " " : new string(' ', indent + 2)).Append(Key(key)).Append(':');
                    WriteValue(text, value, indent + 2, nestedIndent: indent + 4, listIndent: indent + 2);
                    first = false;
                }
            }
            else if (item is IList<object?> { Count: > 0 } inner)
            {
                text.Append('\n');
                WriteList(text, inner, indent + 2);
            }
            else
            {
                text.Append(' ').Append(Scalar(item, indent + 2)).Append('\n');
            }
        }
    }

    private static void WriteValue(StringBuilder text, object? value, int indent, int nestedIndent, int listIndent)
    {
        switch (value)
        {
            case IDictionary<string, object?> { Count: > 0 } map:
                text.Append('\n');
                WriteMap(text, map, nestedIndent);
                break;
            case IList<object?> { Count: > 0 } list:
                text.Append('\n');
                WriteList(text, list, listIndent);
                break;
            default:
                text.Append(' ').Append(Scalar(value, indent + 2)).Append('\n');
                break;
        }
    }

    private static string Key(string key) => Text(key);

    private static string Scalar(object? value, int indent) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long or int => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        double d => Number(d),
        string s when s.Contains('\n') && !s.Contains('\r') && !s.StartsWith(' ') => Block(s, indent),
        string s => Text(s),
        IDictionary<string, object?> => "{}",
        IList<object?> => "[]",
        _ => GoFormat.Quote(GoValues.Print(value)),
    };

    /// <summary>A number as JSON, then YAML, write it: a whole number without a fraction.</summary>
    public static string Number(double d) =>
        double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) < 1e21
            ? ((decimal)d).ToString("0", CultureInfo.InvariantCulture)
            : HelmJson.Number(d);

    private static string Block(string text, int indent)
    {
        var chomp = text.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : text.EndsWith('\n') ? "" : "-";
        var body = text.EndsWith('\n') ? text[..^1] : text;
        var pad = new string(' ', indent);
        var lines = body.Split('\n').Select(line => line.Length == 0 ? "" : pad + line);
        return $"|{chomp}\n{string.Join("\n", lines)}";
    }

    /// <summary>
    /// A string that would read back as another type (true, 1, an empty string) in double quotes; one
    /// whose characters YAML cannot write plain in single quotes; any other as it is.
    /// </summary>
    private static string Text(string text)
    {
        if (text.Length == 0 || ReadsAsOther().IsMatch(text) || text.Any(char.IsControl)) return GoFormat.Quote(text);
        var plain = !Special().IsMatch(text)
            && !text.Contains(": ", StringComparison.Ordinal) && !text.Contains(" #", StringComparison.Ordinal)
            && !text.EndsWith(':') && text.Trim() == text;
        return plain ? text : $"'{text.Replace("'", "''")}'";
    }

    [GeneratedRegex(@"^[-?:,\[\]{}#&*!|>'""%@`]|^- ")]
    private static partial Regex Special();

    [GeneratedRegex(@"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d+(?::[0-5]?\d)+(?:\.\d*)?)$")]
    private static partial Regex ReadsAsOther();
}
