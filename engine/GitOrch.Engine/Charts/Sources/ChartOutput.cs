using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Charts.Sources;

/// <summary>What every chart shares, whichever engine renders it: its files' places, its default values, the output limit, and how rendered text becomes objects.</summary>
public static class ChartOutput
{
    public const string ValuesFile = "values.yaml";
    public const string TemplatesFolder = "templates";

    /// <summary>The most characters one template may output, and one string inside it may hold.</summary>
    public const int OutputLimit = 4 * 1024 * 1024;

    /// <summary>The chart's values.yaml, or an empty map.</summary>
    public static JsonObject DefaultValues(IChartFiles chart) =>
        chart.ReadText(ValuesFile) is { } text ? ChartValues.Parse($"{chart.Root}/{ValuesFile}", text) : [];

    public static IReadOnlyList<LoadedObject> Load(IChartFiles chart, ChartMetadata metadata, string releaseName,
        string relativePath, string text, string releaseNamespace)
    {
        try
        {
            return ManifestLoader.Load($"{chart.Root}/{relativePath}", text, releaseNamespace);
        }
        catch (ManifestException e)
        {
            throw new ManifestException(e.Path, e.Line, e.Column,
                $"{e.Problem} (in the output of chart {metadata.Name} for release {releaseName}; the position is in the rendered text)");
        }
    }
}
