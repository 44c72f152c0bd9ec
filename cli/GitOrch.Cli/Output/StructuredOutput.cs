using System.Text.Json;
using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;

namespace GitOrch.Cli.Output;

/// <summary>Records that are not objects (releases, status) as JSON nodes, in the store's field naming.</summary>
public static class StructuredOutput
{
    public static JsonNode ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, ObjectJson.Options) ?? new JsonObject();
}
