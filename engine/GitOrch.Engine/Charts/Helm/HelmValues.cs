using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOrch.Engine.Charts.Helm;

/// <summary>
/// Values as Helm's templates see them: YAML read through JSON, so maps of string keys, lists, strings,
/// booleans, nil, and every number a float64.
/// </summary>
public static class HelmValues
{
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => map.ToDictionary(pair => pair.Key, pair => FromJson(pair.Value)),
        JsonArray list => list.Select(FromJson).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetValue<double>(out var number) ? number : double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };

    public static Dictionary<string, object?> FromJson(JsonObject map) => (Dictionary<string, object?>)FromJson((JsonNode)map)!;
}
