using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GitOrch.Api.Model;

namespace GitOrch.Api.Serialization;

/// <summary>JSON in Kubernetes' field names: the store's format and the CLI's <c>-o json</c>.</summary>
public static class ObjectJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new IntOrStringJsonConverter() },
    };

    public static JsonObject ToNode(KubeObject obj) =>
        JsonSerializer.SerializeToNode(obj, obj.GetType(), Options)!.AsObject();

    public static byte[] ToBytes(KubeObject obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public static byte[] ToBytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T FromBytes<T>(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("empty JSON document");

    /// <summary>Reads an object of any registered kind, choosing the type from its <c>kind</c> field.</summary>
    public static KubeObject FromNode(JsonObject node)
    {
        var kind = node["kind"]?.GetValue<string>() ?? throw new JsonException("object has no kind");
        var info = Kinds.FindByKind(kind) ?? throw new JsonException($"unknown kind \"{kind}\"");
        return (KubeObject)(node.Deserialize(info.Type, Options) ?? throw new JsonException("empty JSON document"));
    }

    public static KubeObject FromBytes(ReadOnlySpan<byte> json) =>
        FromNode(JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("empty JSON document"));

    /// <summary>Indented, and escaping only what JSON requires, so a timestamp's '+' prints as itself and not as \u002B.</summary>
    private static readonly JsonSerializerOptions TextOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToText(JsonNode node) => node.ToJsonString(TextOptions);
}

internal sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : new IntOrString(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IsInt) writer.WriteNumberValue(value.AsInt());
        else writer.WriteStringValue(value.Value);
    }
}
