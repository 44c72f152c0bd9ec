using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts.GoTemplates;
using GitOrch.Engine.Charts.Sources;

namespace GitOrch.Engine.Charts.Helm;

/// <summary>
/// Renders a Helm chart natively, as <c>helm template</c> does: the templates of the chart and of its
/// subcharts share one set (so each may include what any _helpers.tpl defines), each file that is not
/// a partial (a leading '_') or NOTES.txt becomes manifests, library charts only define, and a value
/// that is not there prints as nothing.
/// </summary>
public static class HelmChartRenderer
{
    /// <summary>Subcharts of subcharts of … go this deep at most.</summary>
    private const int NestingLimit = 10;

    /// <summary>One chart of the render, the top one or a subchart, with its templates' prefix and the objects its templates see.</summary>
    private sealed record Unit(IChartFiles Files, ChartMetadata Metadata, string Prefix, Dictionary<string, object?> Top);

    public static IReadOnlyList<LoadedObject> Render(IChartFiles chart, ChartMetadata metadata, string releaseName, string releaseNamespace, JsonObject values)
    {
        var units = new List<Unit>();
        Collect(chart, metadata, metadata.Name, values, releaseName, releaseNamespace, units, depth: 0);
        var templates = new GoTemplateSet(HelmFunctions.All, new GoLimits(ChartOutput.OutputLimit));
        foreach (var unit in units)
            foreach (var path in TemplateFiles(unit.Files))
                Guard(chart, metadata, () => templates.Add($"{unit.Prefix}/{path}", unit.Files.ReadText(path) ?? ""));

        var objects = new List<LoadedObject>();
        foreach (var unit in units.Where(unit => unit.Metadata.Fields["type"]?.ToString() != "library"))
        {
            foreach (var path in TemplateFiles(unit.Files).Where(IsManifestTemplate))
            {
                var name = $"{unit.Prefix}/{path}";
                var data = HelmObjects.ForTemplate(unit.Top, name, $"{unit.Prefix}/{ChartOutput.TemplatesFolder}");
                var text = Guard(chart, metadata, () => templates.Execute(name, data)).Replace("<no value>", "", StringComparison.Ordinal);
                objects.AddRange(ChartOutput.Load(unit.Files, unit.Metadata, releaseName, path, text, releaseNamespace).Where(RunsInASync));
            }
        }
        return objects;
    }

    private static void Collect(IChartFiles chart, ChartMetadata metadata, string prefix, JsonObject values, string releaseName, string releaseNamespace,
        List<Unit> units, int depth)
    {
        if (depth > NestingLimit)
            throw new ManifestException($"{chart.Root}/{ChartMetadata.FileName}", 1, 1, $"chart {metadata.Name}: subcharts nest deeper than {NestingLimit}");
        HelmChartChecks.Check(chart, metadata, values);
        var subcharts = HelmSubcharts.Of(chart, metadata, values);
        units.Add(new Unit(chart, metadata, prefix, HelmObjects.Top(chart, metadata, releaseName, releaseNamespace, values)));
        foreach (var subchart in subcharts)
            Collect(subchart.Files, subchart.Metadata, $"{prefix}/charts/{subchart.Metadata.Name}", subchart.Values, releaseName, releaseNamespace, units, depth + 1);
    }

    private static readonly HashSet<string> SyncHookEvents = ["pre-install", "post-install", "pre-upgrade", "post-upgrade"];

    /// <summary>
    /// Hooks only for helm test, delete or rollback never run in a sync, and are left out rather than
    /// refused: helm create's chart has a test hook, and a sync of it must work.
    /// </summary>
    private static bool RunsInASync(LoadedObject loaded) =>
        loaded.Object.Annotation(WellKnown.HelmHook) is not { } events
        || events.Split(',', StringSplitOptions.TrimEntries).Any(SyncHookEvents.Contains);

    private static IEnumerable<string> TemplateFiles(IChartFiles chart) =>
        chart.ListAllFiles().Where(path => path.StartsWith($"{ChartOutput.TemplatesFolder}/", StringComparison.Ordinal));

    private static bool IsManifestTemplate(string path)
    {
        var file = Path.GetFileName(path);
        return !file.StartsWith('_') && file != "NOTES.txt" && !file.EndsWith(".tpl", StringComparison.Ordinal);
    }

    private static void Guard(IChartFiles chart, ChartMetadata metadata, Action action) => Guard(chart, metadata, () =>
    {
        action();
        return "";
    });

    /// <summary>A template error as one line: the file and position in the chart, then Go's words.</summary>
    private static string Guard(IChartFiles chart, ChartMetadata metadata, Func<string> render)
    {
        try
        {
            return render();
        }
        catch (GoTemplateException e)
        {
            var inChart = e.At.File.StartsWith(metadata.Name + "/", StringComparison.Ordinal) ? e.At.File[(metadata.Name.Length + 1)..] : e.At.File;
            throw new ManifestException($"{chart.Root}/{inChart}", e.At.Line, e.At.Column, $"chart {metadata.Name}: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            throw new ManifestException($"{chart.Root}/{ChartMetadata.FileName}", 1, 1,
                $"chart {metadata.Name}: rendering took longer than {new GoLimits().TimeLimit.TotalSeconds:0} s and was stopped");
        }
    }
}
