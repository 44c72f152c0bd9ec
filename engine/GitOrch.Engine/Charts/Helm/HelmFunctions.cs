using System.Text.Json;
using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts.GoTemplates;
using GitOrch.Engine.Charts.Sprig;
using static GitOrch.Engine.Charts.GoTemplates.GoBuiltins;
using static GitOrch.Engine.Charts.Sprig.SprigConvert;

namespace GitOrch.Engine.Charts.Helm;

/// <summary>
/// The functions Helm adds to Sprig's: include, tpl, required, the YAML and JSON conversions, toToml,
/// and lookup, which finds nothing, as in <c>helm template</c>. fromYaml and fromJson give a map with an
/// Error key instead of failing, as Helm's do.
/// </summary>
public static class HelmFunctions
{
    /// <summary>Every function a Helm chart may call: Go's, Sprig's and Helm's.</summary>
    public static IReadOnlyDictionary<string, GoFunction> All { get; } = new[]
        {
            GoBuiltins.All(), SprigStrings.All(), SprigCollections.All(), SprigMath.All(), SprigDefaults.All(),
            SprigEncoding.All(), SprigVersions.All(), SprigDates.All(), Helm(),
        }
        .SelectMany(functions => functions)
        .GroupBy(pair => pair.Key)
        .ToDictionary(group => group.Key, group => group.Last().Value);

    private static IEnumerable<KeyValuePair<string, GoFunction>> Helm() => new Dictionary<string, GoFunction>
    {
        ["include"] = (execution, a) => execution.Include(ToText(AtLeast(a, 1, "include")[0]), a.Length > 1 ? a[1] : null),
        ["tpl"] = (execution, a) => execution.RenderText("tpl", ToText(Exactly(a, 2, "tpl")[0]), a[1]),
        ["required"] = (_, a) => Exactly(a, 2, "required")[1] is var value && (value is null || value is string { Length: 0 })
            ? throw new GoFunctionException(ToText(a[0]), asWritten: true)
            : value,
        ["toYaml"] = (_, a) => HelmYaml.Write(Single(a, "toYaml")),
        ["mustToYaml"] = (_, a) => HelmYaml.Write(Single(a, "mustToYaml")),
        ["fromYaml"] = (_, a) => FromYaml(ToText(Single(a, "fromYaml"))),
        ["fromYamlArray"] = (_, a) => FromYamlArray(ToText(Single(a, "fromYamlArray"))),
        ["toJson"] = (_, a) => HelmJson.Write(Single(a, "toJson")),
        ["mustToJson"] = (_, a) => HelmJson.Write(Single(a, "mustToJson")),
        ["toPrettyJson"] = (_, a) => HelmJson.Write(Single(a, "toPrettyJson"), indent: true),
        ["toRawJson"] = (_, a) => HelmJson.Write(Single(a, "toRawJson"), escapeHtml: false),
        ["fromJson"] = (_, a) => FromJson(ToText(Single(a, "fromJson"))),
        ["fromJsonArray"] = (_, a) => FromJson(ToText(Single(a, "fromJsonArray"))) is IList<object?> list ? list : [],
        ["toToml"] = (_, a) => HelmToml.Write(Single(a, "toToml")),
        ["lookup"] = (_, _) => new Dictionary<string, object?>(),
    };

    private static object? FromYaml(string text)
    {
        try
        {
            return HelmValues.FromJson(ValuesYaml.Parse("fromYaml", text));
        }
        catch (ManifestException e)
        {
            return new Dictionary<string, object?> { ["Error"] = e.Problem };
        }
    }

    private static object? FromYamlArray(string text)
    {
        try
        {
            return HelmValues.FromJson(ValuesYaml.ParseAny("fromYamlArray", text)) is IList<object?> list ? list : [];
        }
        catch (ManifestException e)
        {
            return new List<object?> { e.Problem };
        }
    }

    private static object? FromJson(string text)
    {
        try
        {
            return HelmValues.FromJson(JsonNode.Parse(text));
        }
        catch (JsonException e)
        {
            return new Dictionary<string, object?> { ["Error"] = e.Message };
        }
    }
}
