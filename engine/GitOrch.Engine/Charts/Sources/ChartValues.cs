using System.Globalization;
using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Charts.Sources;

/// <summary>Values as Helm users know them: YAML files merged key by key, and <c>--set a.b=c</c> overrides.</summary>
public static class ChartValues
{
    public static JsonObject Parse(string path, string text) => ValuesYaml.Parse(path, text);

    /// <summary>Merges <paramref name="overlay"/> into <paramref name="target"/>: maps merge, anything else replaces.</summary>
    public static JsonObject Merge(JsonObject target, JsonObject? overlay)
    {
        if (overlay is null) return target;
        foreach (var (key, value) in overlay)
        {
            if (value is JsonObject overlayMap && target[key] is JsonObject targetMap)
                Merge(targetMap, overlayMap);
            else
                target[key] = value?.DeepClone();
        }
        return target;
    }

    /// <summary>Applies one <c>path.to.key=value</c> assignment; numbers and booleans keep their type.</summary>
    public static void Set(JsonObject values, string assignment)
    {
        var equals = assignment.IndexOf('=');
        if (equals <= 0)
            throw new ArgumentException($"--set \"{assignment}\" is not of the form key=value");
        var path = assignment[..equals].Split('.');
        var current = values;
        foreach (var part in path[..^1])
        {
            if (current[part] is not JsonObject next)
                current[part] = next = new JsonObject();
            current = next;
        }
        current[path[^1]] = Scalar(assignment[(equals + 1)..]);
    }

    private static JsonNode? Scalar(string text)
    {
        if (text == "null") return null;
        if (bool.TryParse(text, out var flag)) return JsonValue.Create(flag);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return JsonValue.Create(whole);
        return JsonValue.Create(text);
    }
}
