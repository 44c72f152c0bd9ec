using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Cli.Output;

/// <summary><c>--sort-by PATH</c>: orders objects by the first value the path reaches, numbers as numbers; objects without one come first.</summary>
public static class SortByField
{
    public static IReadOnlyList<KubeObject> Apply(IReadOnlyList<KubeObject> objects, FieldPath field) =>
        objects.Select(obj => (obj, key: KeyOf(field, ObjectJson.ToNode(obj))))
            .OrderBy(pair => pair.key.Number.HasValue ? 1 : 0)
            .ThenBy(pair => pair.key.Number)
            .ThenBy(pair => pair.key.Text, StringComparer.Ordinal)
            .Select(pair => pair.obj)
            .ToList();

    private static (double? Number, string Text) KeyOf(FieldPath field, JsonNode node)
    {
        var value = field.Evaluate(node, node).FirstOrDefault();
        if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
            return (number.GetValue<double>(), "");
        // A quantity such as "250m" or "64Mi" sorts by its size.
        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String && ResourceQuantity.TryParse(text.GetValue<string>(), out var size))
            return ((double)size.Value, "");
        return (null, JsonPathTemplate.Print(value));
    }
}
