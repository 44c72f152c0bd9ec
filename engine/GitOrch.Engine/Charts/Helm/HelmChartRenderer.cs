using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts.GoTemplates;
using GitOrch.Engine.Charts.Sources;

namespace GitOrch.Engine.Charts.Helm;

/// <summary>
/// Renders a Helm chart natively, as <c>helm template</c> does: every file in templates/ shares one set
/// of templates (so each may include what _helpers.tpl defines), each file that is not a partial
/// (a leading '_') or NOTES.txt becomes manifests, and a value that is not there prints as nothing.
/// </summary>
public static class HelmChartRenderer
{
    public static IReadOnlyList<LoadedObject> Render(IChartFiles chart, ChartMetadata metadata, string releaseName, string releaseNamespace, JsonObject values)
    {
        HelmChartChecks.Check(chart, metadata, values);
        var templates = new GoTemplateSet(HelmFunctions.All, new GoLimits(ChartOutput.OutputLimit));
        var files = chart.ListAllFiles().Where(path => path.StartsWith($"{ChartOutput.TemplatesFolder}/", StringComparison.Ordinal)).ToList();
        foreach (var path in files)
            Guard(chart, metadata, () => templates.Add(TemplateName(metadata, path), chart.ReadText(path) ?? ""));

        var top = HelmObjects.Top(chart, metadata, releaseName, releaseNamespace, values);
        var objects = new List<LoadedObject>();
        foreach (var path in files.Where(IsManifestTemplate))
        {
            var name = TemplateName(metadata, path);
            var data = HelmObjects.ForTemplate(top, name, $"{metadata.Name}/{ChartOutput.TemplatesFolder}");
            var text = Guard(chart, metadata, () => templates.Execute(name, data)).Replace("<no value>", "", StringComparison.Ordinal);
            objects.AddRange(ChartOutput.Load(chart, metadata, releaseName, path, text, releaseNamespace));
        }
        return objects;
    }

    /// <summary>Helm names a template by the chart's name and its path in the chart.</summary>
    private static string TemplateName(ChartMetadata metadata, string path) => $"{metadata.Name}/{path}";

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
