using System.Globalization;
using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace GitOrch.Api.Serialization;

/// <summary>
/// Reads free-form YAML (chart values, affinity, claim specs) into JSON nodes, keeping scalars' types.
/// A repeated key and nesting deeper than <see cref="YamlFields.MaxDepth"/> are errors at their place,
/// as in typed fields: a values file read alone has no other guard.
/// </summary>
internal sealed class JsonNodeYamlConverter : IYamlTypeConverter
{
    public bool Accepts(Type type) => typeof(JsonNode).IsAssignableFrom(type);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) => ReadNode(parser, depth: 0);

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        throw new NotSupportedException("YAML output goes through ObjectYaml");

    private static JsonNode? ReadNode(IParser parser, int depth)
    {
        if (depth == YamlFields.MaxDepth && parser.Current is MappingStart or SequenceStart)
            throw new YamlException(parser.Current.Start, parser.Current.End, $"the YAML nests deeper than {YamlFields.MaxDepth} levels");
        if (parser.TryConsume<MappingStart>(out _))
        {
            var mapping = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>();
                if (mapping.ContainsKey(key.Value))
                    throw new YamlException(key.Start, key.End, $"key \"{key.Value}\" appears twice in one mapping; each key may appear once");
                mapping[key.Value] = ReadNode(parser, depth + 1);
            }
            return mapping;
        }
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var sequence = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
                sequence.Add(ReadNode(parser, depth + 1));
            return sequence;
        }
        return ReadScalar(parser.Consume<Scalar>());
    }

    private static JsonNode? ReadScalar(Scalar scalar)
    {
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(scalar.Value);
        var text = scalar.Value;
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return JsonValue.Create(whole);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return JsonValue.Create(real);
        return JsonValue.Create(text);
    }
}

internal sealed class IntOrStringYamlConverter : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(IntOrString);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) =>
        new IntOrString(parser.Consume<Scalar>().Value);

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        throw new NotSupportedException("YAML output goes through ObjectYaml");
}
