using System.Text.Json;
using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;

namespace GitOrch.Cli.Output;

/// <summary>Records that are not objects (releases, status) as JSON nodes, in the store's field naming.</summary>
public static class StructuredOutput
{
    public static JsonNode ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, ObjectJson.Options) ?? new JsonObject();

    /// <summary>Writes the value for <c>-o json</c> or <c>-o yaml</c>; false for any other format, which the verb prints itself.</summary>
    public static bool TryWrite<T>(TextWriter output, string format, T value)
    {
        switch (format)
        {
            case "json": output.WriteLine(ObjectJson.ToText(ToNode(value))); return true;
            case "yaml": output.Write(ObjectYaml.ToText(ToNode(value))); return true;
            default: return false;
        }
    }
}
