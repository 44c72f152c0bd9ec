using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban.Runtime;

namespace GitOrch.Engine.Charts.Scriban;

/// <summary>Turns JSON values into Scriban's objects and arrays, with keys exactly as written.</summary>
internal static class ScriptValues
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => FromMap(map),
        JsonArray list => new ScriptArray(list.Select(From)),
        JsonValue value => FromScalar(value),
        _ => null,
    };

    public static ScriptObject FromMap(JsonObject map)
    {
        var result = new ScriptObject();
        foreach (var (key, value) in map)
            result[key] = From(value);
        return result;
    }

    private static object? FromScalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetValue<long>(out var whole) => whole,
        JsonValueKind.Number => value.GetValue<double>(),
        _ => null,
    };
}
