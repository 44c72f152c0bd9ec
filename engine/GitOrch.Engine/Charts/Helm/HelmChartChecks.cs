using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts.Sources;
using GitOrch.Engine.Charts.Sprig;
using Json.Schema;

namespace GitOrch.Engine.Charts.Helm;

/// <summary>What Helm checks before it renders: the chart's kubeVersion constraint, and the values against values.schema.json.</summary>
public static class HelmChartChecks
{
    public const string SchemaFile = "values.schema.json";

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    public static void Check(IChartFiles chart, ChartMetadata metadata, JsonObject values)
    {
        CheckKubeVersion(chart, metadata);
        CheckSchema(chart, metadata, values);
    }

    private static void CheckKubeVersion(IChartFiles chart, ChartMetadata metadata)
    {
        if (metadata.Fields["kubeVersion"]?.ToString() is not { Length: > 0 } constraint) return;
        bool satisfied;
        try
        {
            satisfied = SemanticVersion.Satisfies(constraint, SemanticVersion.Parse(HelmObjects.KubeVersion));
        }
        catch (FormatException e)
        {
            throw new ManifestException($"{chart.Root}/{ChartMetadata.FileName}", 1, 1, $"chart {metadata.Name}: kubeVersion \"{constraint}\": {e.Message}");
        }
        if (!satisfied)
            throw new ManifestException($"{chart.Root}/{ChartMetadata.FileName}", 1, 1,
                $"chart {metadata.Name} requires kubeVersion: {constraint} which is incompatible with Kubernetes {HelmObjects.KubeVersion}");
    }

    private static void CheckSchema(IChartFiles chart, ChartMetadata metadata, JsonObject values)
    {
        if (chart.ReadText(SchemaFile) is not { } text) return;
        var path = $"{chart.Root}/{SchemaFile}";
        JsonSchema schema;
        try
        {
            schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        }
        catch (Exception e) when (e is JsonException or JsonSchemaException or InvalidOperationException or ArgumentException)
        {
            throw new ManifestException(path, 1, 1, $"chart {metadata.Name}: {SchemaFile} is not a JSON Schema: {e.Message}");
        }
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(values), Options);
        if (results.IsValid) return;
        var failed = (results.Details ?? []).Prepend(results).FirstOrDefault(detail => detail.Errors is { Count: > 0 });
        var field = failed is null ? "" : FieldOf(failed.InstanceLocation.ToString());
        var message = failed?.Errors!.Values.First().TrimEnd('.') ?? "the values do not match";
        throw new ManifestException(path, 1, 1, $"chart {metadata.Name}: values do not match {SchemaFile}: {(field.Length == 0 ? "" : field + ": ")}{message}");
    }

    /// <summary>/image/tag as image.tag, /ports/0 as ports[0].</summary>
    private static string FieldOf(string pointer) =>
        string.Concat(pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select((segment, i) =>
            int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{segment}]" : (i == 0 ? "" : ".") + segment));
}
