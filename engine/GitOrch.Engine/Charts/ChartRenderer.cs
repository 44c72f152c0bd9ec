using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts.Helm;
using GitOrch.Engine.Charts.Scriban;
using GitOrch.Engine.Charts.Sources;

namespace GitOrch.Engine.Charts;

/// <summary>Renders a chart into objects with the engine its Chart.yaml names: Helm's Go templates, or Scriban for GitOrch's own charts.</summary>
public static class ChartRenderer
{
    public static JsonObject DefaultValues(IChartFiles chart) => ChartOutput.DefaultValues(chart);

    /// <summary>Renders every template with the given, already merged, values.</summary>
    public static IReadOnlyList<LoadedObject> Render(IChartFiles chart, string releaseName, string releaseNamespace, JsonObject values)
    {
        var metadata = ChartMetadata.Read(chart);
        return metadata.UsesGoTemplates
            ? HelmChartRenderer.Render(chart, metadata, releaseName, releaseNamespace, values)
            : ScribanChartRenderer.Render(chart, metadata, releaseName, releaseNamespace, values);
    }
}
