using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOrch.Cli.Output;

/// <summary>
/// kubectl's <c>-o jsonpath=</c> template: text, <c>{path}</c> (several results are joined by spaces),
/// <c>{"literal"}</c> with <c>\n</c> and <c>\t</c>, and <c>{range path}…{end}</c>.
/// </summary>
public sealed class JsonPathTemplate
{
    private abstract record Part;
    private sealed record Text(string Value) : Part;
    private sealed record Value(FieldPath Path) : Part;
    private sealed record Range(FieldPath Path, List<Part> Body) : Part;

    private readonly List<Part> _parts;

    private JsonPathTemplate(List<Part> parts) => _parts = parts;

    public static JsonPathTemplate Parse(string template)
    {
        var open = new Stack<List<Part>>();
        var parts = new List<Part>();
        var at = 0;
        while (at < template.Length)
        {
            var brace = template.IndexOf('{', at);
            if (brace < 0)
            {
                parts.Add(new Text(template[at..]));
                break;
            }
            if (brace > at) parts.Add(new Text(template[at..brace]));
            var close = template.IndexOf('}', brace);
            if (close < 0) throw new ArgumentException($"-o jsonpath: the '{{' at column {brace + 1} has no '}}'");
            var action = template[(brace + 1)..close].Trim();
            if (action == "end")
            {
                if (open.Count == 0) throw new ArgumentException("-o jsonpath: {end} without a {range}");
                parts = open.Pop();
            }
            else if (action.StartsWith("range ", StringComparison.Ordinal))
            {
                var range = new Range(FieldPath.Parse(action["range ".Length..]), []);
                parts.Add(range);
                open.Push(parts);
                parts = range.Body;
            }
            else if (action.Length >= 2 && action[0] == '"' && action[^1] == '"')
                parts.Add(new Text(action[1..^1].Replace("\\n", "\n").Replace("\\t", "\t")));
            else
                parts.Add(new Value(FieldPath.Parse(action)));
            at = close + 1;
        }
        if (open.Count > 0) throw new ArgumentException("-o jsonpath: a {range} without its {end}");
        return new JsonPathTemplate(parts);
    }

    public string Render(JsonNode root)
    {
        var text = new StringBuilder();
        Render(_parts, root, root, text);
        return text.ToString();
    }

    private static void Render(List<Part> parts, JsonNode? current, JsonNode root, StringBuilder text)
    {
        foreach (var part in parts)
            switch (part)
            {
                case Text literal: text.Append(literal.Value); break;
                case Value value: text.AppendJoin(' ', value.Path.Evaluate(current, root).Select(Print)); break;
                case Range range:
                    foreach (var item in range.Path.Evaluate(current, root).SelectMany(Items))
                        Render(range.Body, item, root, text);
                    break;
            }
    }

    /// <summary>A range walks an array's elements, or the nodes a path like <c>.items[*]</c> reached.</summary>
    private static IEnumerable<JsonNode?> Items(JsonNode? node) => node is JsonArray array ? array.AsEnumerable() : [node];

    /// <summary>A string as it is, anything else as compact JSON, as kubectl prints them.</summary>
    public static string Print(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
