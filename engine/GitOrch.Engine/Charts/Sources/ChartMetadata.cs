using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Charts.Sources;

/// <summary>
/// What Chart.yaml declares, and which engine renders the chart: a Helm chart (apiVersion v1 or v2)
/// with Go templates, unless it says <c>engine: scriban</c>; a Chart.yaml with no apiVersion, which Helm
/// refuses, is one of GitOrch's own Scriban charts as they were written before Helm charts rendered.
/// </summary>
public sealed record ChartMetadata(string Name, string Version, JsonObject Fields)
{
    public const string FileName = "Chart.yaml";
    public const string ScribanEngine = "scriban";

    public bool UsesGoTemplates =>
        Fields["engine"]?.ToString() is not ScribanEngine && Fields["apiVersion"]?.ToString() is "v1" or "v2";

    public static ChartMetadata Read(IChartFiles chart)
    {
        var path = $"{chart.Root}/{FileName}";
        var text = chart.ReadText(FileName) ?? throw new ManifestException(path, 1, 1, $"{chart.Root} is not a chart: it has no {FileName}");
        var fields = ValuesYaml.Parse(path, text);
        var name = fields["name"]?.ToString();
        if (string.IsNullOrWhiteSpace(name))
            throw new ManifestException(path, 1, 1, "Chart.yaml needs a name");
        if (fields["engine"]?.ToString() is { } engine && engine is not (ScribanEngine or "gotpl"))
            throw new ManifestException(path, 1, 1, $"Chart.yaml: engine \"{engine}\" is not one GitOrch renders: scriban, or gotpl (Helm's Go templates)");
        return new ChartMetadata(name, fields["version"]?.ToString() ?? "0.0.0", fields);
    }
}
