using System.Globalization;
using System.Text;
using GitOrch.Engine.Charts.GoTemplates;

namespace GitOrch.Engine.Charts.Helm;

/// <summary>JSON as Go's encoding/json writes template values: keys sorted, &lt; &gt; &amp; escaped unless raw, numbers as Go formats float64.</summary>
public static class HelmJson
{
    public static string Write(object? value, bool escapeHtml = true, bool indent = false)
    {
        var text = new StringBuilder();
        Write(text, value, escapeHtml, indent ? 0 : -1);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object? value, bool escapeHtml, int depth)
    {
        switch (value)
        {
            case null: text.Append("null"); break;
            case bool b: text.Append(b ? "true" : "false"); break;
            case long or int: text.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)); break;
            case double d: text.Append(Number(d)); break;
            case string s: Quote(text, s, escapeHtml); break;
            case IList<object?> list:
                Container(text, '[', ']', list.Count, depth, i => Write(text, list[i], escapeHtml, depth < 0 ? -1 : depth + 1));
                break;
            case IDictionary<string, object?> map:
                var pairs = map.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
                Container(text, '{', '}', pairs.Count, depth, i =>
                {
                    Quote(text, pairs[i].Key, escapeHtml);
                    text.Append(depth < 0 ? ":" : ": ");
                    Write(text, pairs[i].Value, escapeHtml, depth < 0 ? -1 : depth + 1);
                });
                break;
            default: Quote(text, GoValues.Print(value), escapeHtml); break;
        }
    }

    private static void Container(StringBuilder text, char open, char close, int count, int depth, Action<int> item)
    {
        text.Append(open);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(',');
            if (depth >= 0) text.Append('\n').Append(' ', (depth + 1) * 2);
            item(i);
        }
        if (depth >= 0 && count > 0) text.Append('\n').Append(' ', depth * 2);
        text.Append(close);
    }

    /// <summary>encoding/json's float64: fixed notation between 1e-6 and 1e21, exponent notation outside it.</summary>
    public static string Number(double d)
    {
        var magnitude = Math.Abs(d);
        if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21))
            return GoValues.FormatFloat(d, 'e', -1).Replace("e-0", "e-").Replace("e+0", "e+");
        return GoValues.FormatFloat(d, 'f', -1);
    }

    private static void Quote(StringBuilder text, string value, bool escapeHtml)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '<' or '>' or '&' when escapeHtml: text.Append($"\\u{(int)c:x4}"); break;
                case '\u2028' or '\u2029': text.Append($"\\u{(int)c:x4}"); break;
                case < ' ': text.Append($"\\u{(int)c:x4}"); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}
