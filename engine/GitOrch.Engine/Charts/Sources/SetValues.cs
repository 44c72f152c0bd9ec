using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOrch.Engine.Charts.Sources;

/// <summary>
/// Helm's --set syntax: <c>a.b=c,d=e</c> (several at once), lists as <c>list={a,b}</c>, indices as
/// <c>list[0].name=x</c>, and <c>\,</c>, <c>\.</c> and <c>\=</c> for the characters themselves. Values are
/// typed as Helm types them: true, false, null and whole numbers without a leading zero; anything else is text.
/// </summary>
public static class SetValues
{
    public static void Apply(JsonObject values, string text)
    {
        foreach (var assignment in Split(text, ',', respectBraces: true))
            ApplyOne(values, assignment, text);
    }

    private static void ApplyOne(JsonObject values, string assignment, string whole)
    {
        var equals = IndexOfUnescaped(assignment, '=');
        if (equals <= 0) throw new ArgumentException($"--set \"{whole}\": \"{assignment}\" is not of the form key=value");
        var value = assignment[(equals + 1)..];
        var steps = Steps(assignment[..equals], whole);
        JsonNode parent = values;
        for (var i = 0; i < steps.Count; i++)
        {
            var last = i == steps.Count - 1;
            JsonNode? Next() => last ? Value(value) : steps[i + 1] is int ? new JsonArray() : new JsonObject();
            switch (steps[i])
            {
                case string key:
                    var map = (JsonObject)parent;
                    if (last || map[key] is null || (steps[i + 1] is int ? map[key] is not JsonArray : map[key] is not JsonObject)) map[key] = Next();
                    if (!last) parent = map[key]!;
                    break;
                case int index:
                    var list = (JsonArray)parent;
                    while (list.Count <= index) list.Add(null);
                    if (last || list[index] is null) list[index] = Next();
                    if (!last) parent = list[index]!;
                    break;
            }
        }
    }

    /// <summary>a.b[0].c as "a", "b", 0, "c".</summary>
    private static List<object> Steps(string path, string whole)
    {
        var steps = new List<object>();
        foreach (var part in Split(path, '.', respectBraces: false))
        {
            var name = part;
            var indices = new List<int>();
            while (name.EndsWith(']') && name.LastIndexOf('[') is var open and > 0)
            {
                if (!int.TryParse(name[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 65536)
                    throw new ArgumentException($"--set \"{whole}\": \"{name[open..]}\" is not a list index");
                indices.Insert(0, index);
                name = name[..open];
            }
            if (name.Length == 0) throw new ArgumentException($"--set \"{whole}\": a key is empty");
            steps.Add(Unescape(name));
            steps.AddRange(indices.Cast<object>());
        }
        return steps;
    }

    private static JsonNode? Value(string text) =>
        text.Length >= 2 && text[0] == '{' && text[^1] == '}'
            ? new JsonArray(Split(text[1..^1], ',', respectBraces: false).Where(item => item.Length > 0).Select(Scalar).ToArray())
            : Scalar(text);

    private static JsonNode? Scalar(string text)
    {
        var value = Unescape(text);
        if (value.Equals("null", StringComparison.OrdinalIgnoreCase)) return null;
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase)) return JsonValue.Create(true);
        if (value.Equals("false", StringComparison.OrdinalIgnoreCase)) return JsonValue.Create(false);
        if ((value == "0" || !value.StartsWith('0')) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            return JsonValue.Create(whole);
        return JsonValue.Create(value);
    }

    private static List<string> Split(string text, char separator, bool respectBraces)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(c).Append(text[++i]);
                continue;
            }
            if (respectBraces && c == '{') depth++;
            if (respectBraces && c == '}') depth--;
            if (c == separator && depth == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else current.Append(c);
        }
        parts.Add(current.ToString());
        return parts;
    }

    private static int IndexOfUnescaped(string text, char wanted)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == wanted) return i;
        }
        return -1;
    }

    private static string Unescape(string text)
    {
        var plain = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
            plain.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
        return plain.ToString();
    }
}
