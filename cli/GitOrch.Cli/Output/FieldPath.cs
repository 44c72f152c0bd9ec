using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOrch.Cli.Output;

/// <summary>
/// A path into an object's JSON as kubectl's <c>--sort-by</c> and <c>-o jsonpath</c> write it:
/// <c>.metadata.name</c>, <c>.items[*].spec.containers[0].image</c>, <c>['app.kubernetes.io/name']</c>,
/// with <c>$</c> for the root and <c>@</c> for the current node. Filters and slices are refused.
/// </summary>
public sealed class FieldPath
{
    private abstract record Step;
    private sealed record Property(string Name) : Step;
    private sealed record Index(int Position) : Step;
    private sealed record Every : Step;

    private readonly IReadOnlyList<Step> _steps;
    private readonly bool _fromRoot;

    private FieldPath(IReadOnlyList<Step> steps, bool fromRoot)
    {
        _steps = steps;
        _fromRoot = fromRoot;
    }

    public static FieldPath Parse(string text)
    {
        var path = text.Trim();
        if (path.StartsWith('{') && path.EndsWith('}')) path = path[1..^1].Trim();
        var fromRoot = path.StartsWith('$');
        if (path.StartsWith('$') || path.StartsWith('@')) path = path[1..];
        var steps = new List<Step>();
        var at = 0;
        while (at < path.Length)
        {
            if (path[at] == '.')
            {
                var end = path.IndexOfAny(['.', '['], at + 1);
                var name = path[(at + 1)..(end < 0 ? path.Length : end)];
                if (name.Length == 0) throw Invalid(text, "an empty field name");
                steps.Add(name == "*" ? new Every() : new Property(name));
                at = end < 0 ? path.Length : end;
            }
            else if (path[at] == '[')
            {
                var close = path.IndexOf(']', at);
                if (close < 0) throw Invalid(text, "a '[' without its ']'");
                steps.Add(Bracket(text, path[(at + 1)..close].Trim()));
                at = close + 1;
            }
            else throw Invalid(text, $"'{path[at]}' where a '.' or '[' belongs");
        }
        return new FieldPath(steps, fromRoot);
    }

    private static Step Bracket(string text, string inside)
    {
        if (inside == "*") return new Every();
        if (inside.Length >= 2 && inside[0] is '\'' or '"' && inside[^1] == inside[0]) return new Property(inside[1..^1]);
        if (int.TryParse(inside, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var position)) return new Index(position);
        throw Invalid(text, $"[{inside}] (filters and slices are not supported; use [N], [*] or ['name'])");
    }

    private static ArgumentException Invalid(string text, string what) => new($"JSONPath \"{text}\": {what}");

    /// <summary>Every node the path reaches; <paramref name="root"/> is what <c>$</c> names.</summary>
    public IEnumerable<JsonNode?> Evaluate(JsonNode? current, JsonNode? root)
    {
        IEnumerable<JsonNode?> nodes = [_fromRoot ? root : current];
        foreach (var step in _steps)
            nodes = nodes.SelectMany(node => Apply(step, node)).ToList();
        return nodes;
    }

    private static IEnumerable<JsonNode?> Apply(Step step, JsonNode? node) => (step, node) switch
    {
        (Property property, JsonObject obj) when obj.TryGetPropertyValue(property.Name, out var value) => [value],
        (Index index, JsonArray array) when index.Position < array.Count && index.Position >= -array.Count =>
            [array[index.Position < 0 ? array.Count + index.Position : index.Position]],
        (Every, JsonArray array) => array.AsEnumerable(),
        (Every, JsonObject obj) => obj.Select(pair => pair.Value),
        _ => [],
    };
}
