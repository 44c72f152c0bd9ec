using System.Text.Json.Nodes;
using DiffPlex.Renderer;
using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Planning;

/// <summary>A unified diff of one change, over the compared fields only, with every map's keys sorted so order never shows.</summary>
public static class ObjectDiff
{
    public static string Unified(Change change)
    {
        var name = Change.ObjectName(change.Object);
        var before = change.Live is null ? "" : ObjectYaml.ToText(Sorted(SemanticComparer.Comparable(change.Live))!);
        var after = change.Action == ChangeAction.Delete ? "" : ObjectYaml.ToText(Sorted(SemanticComparer.Comparable(change.Object))!);
        return UnidiffRenderer.GenerateUnidiff(before, after, $"live/{name}", $"git/{name}", ignoreWhitespace: false, ignoreCase: false, contextLines: 3);
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject map => new JsonObject(map.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => KeyValuePair.Create(pair.Key, Sorted(pair.Value)))),
        JsonArray list => new JsonArray(list.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
