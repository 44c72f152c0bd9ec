using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace GitOrch.Api.Serialization;

/// <summary>Writes JSON nodes as YAML, for <c>-o yaml</c>; strings that would read back as another type are quoted.</summary>
public static class ObjectYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    public static string ToText(JsonNode node) => Serializer.Serialize(ToPlain(node));

    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject mapping => mapping.ToDictionary(pair => pair.Key, pair => ToPlain(pair.Value)),
        JsonArray sequence => sequence.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetValue<long>(out var whole) ? whole : value.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
