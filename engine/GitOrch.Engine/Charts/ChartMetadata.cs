using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Charts;

/// <summary>What Chart.yaml declares.</summary>
public sealed record ChartMetadata(string Name, string Version)
{
    public const string FileName = "Chart.yaml";

    public static ChartMetadata Read(IChartFiles chart)
    {
        var path = $"{chart.Root}/{FileName}";
        var text = chart.ReadText(FileName) ?? throw new ManifestException(path, 1, 1, $"{chart.Root} is not a chart: it has no {FileName}");
        var fields = ValuesYaml.Parse(path, text);
        var name = fields["name"]?.ToString();
        if (string.IsNullOrWhiteSpace(name))
            throw new ManifestException(path, 1, 1, "Chart.yaml needs a name");
        return new ChartMetadata(name, fields["version"]?.ToString() ?? "0.0.0");
    }
}
