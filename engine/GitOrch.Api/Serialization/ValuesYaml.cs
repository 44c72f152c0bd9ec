using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace GitOrch.Api.Serialization;

/// <summary>Reads a free-form YAML mapping, such as a chart's values file, keeping scalars' types.</summary>
public static class ValuesYaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithTypeConverter(new JsonNodeYamlConverter())
        .Build();

    public static JsonObject Parse(string path, string text) => ParseAny(path, text) switch
    {
        null => [],
        JsonObject map => map,
        _ => throw new ManifestException(path, 1, 1, "a values file must be a mapping"),
    };

    /// <summary>Any YAML document: a mapping, a list or a scalar; null when it is empty.</summary>
    public static JsonNode? ParseAny(string path, string text)
    {
        try
        {
            return Deserializer.Deserialize<JsonNode?>(text);
        }
        catch (YamlException e)
        {
            throw new ManifestException(path, e.Start.Line, e.Start.Column, YamlErrorText.Describe(e));
        }
    }
}
