using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Charts.Sources;

/// <summary>Values as Helm users know them: YAML files merged key by key; <see cref="SetValues"/> reads <c>--set</c>.</summary>
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
}
