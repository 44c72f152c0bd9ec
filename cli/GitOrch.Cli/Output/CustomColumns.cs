using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Cli.Output;

/// <summary>
/// kubectl's <c>-o custom-columns=HEADER:PATH,…</c>: one column per pair, each cell the values the
/// JSONPath reaches joined by commas, or <c>&lt;none&gt;</c>.
/// </summary>
public static class CustomColumns
{
    public const string Prefix = "custom-columns=";

    public static IReadOnlyList<Column> Parse(string spec)
    {
        // Every column of a row reads the same object: convert it to JSON once, not once per cell.
        var nodes = new ConditionalWeakTable<KubeObject, JsonNode>();
        var columns = new List<Column>();
        foreach (var pair in spec.Split(','))
        {
            var colon = pair.IndexOf(':');
            if (colon <= 0 || colon == pair.Length - 1)
                throw new ArgumentException($"-o custom-columns: \"{pair}\" is not HEADER:JSONPATH, such as NAME:.metadata.name");
            var path = FieldPath.Parse(pair[(colon + 1)..]);
            columns.Add(new Column(pair[..colon], obj =>
            {
                var node = nodes.GetValue(obj, ObjectJson.ToNode);
                var values = path.Evaluate(node, node).Where(value => value is not null).Select(JsonPathTemplate.Print).ToList();
                return values.Count == 0 ? "<none>" : string.Join(",", values);
            }));
        }
        return columns;
    }
}
