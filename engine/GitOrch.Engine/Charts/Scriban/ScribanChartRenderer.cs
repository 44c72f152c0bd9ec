using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using GitOrch.Engine.Charts.Sources;

namespace GitOrch.Engine.Charts.Scriban;

/// <summary>
/// Renders one of GitOrch's own charts with Scriban. Rendering is sandboxed: includes stay inside
/// the chart, loops and recursion are bounded, every variable must exist, and it must end in time.
/// </summary>
public static class ScribanChartRenderer
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    /// <summary>Renders every template (files in templates/ not starting with '_') with the given, already merged, values.</summary>
    public static IReadOnlyList<LoadedObject> Render(IChartFiles chart, ChartMetadata metadata, string releaseName, string releaseNamespace, JsonObject values)
    {
        var objects = new List<LoadedObject>();
        foreach (var name in chart.ListFiles(ChartOutput.TemplatesFolder).Where(IsManifestTemplate))
        {
            var relativePath = $"{ChartOutput.TemplatesFolder}/{name}";
            var text = RenderTemplate(chart, metadata, relativePath, Globals(metadata, releaseName, releaseNamespace, values));
            objects.AddRange(ChartOutput.Load(chart, metadata, releaseName, relativePath, text, releaseNamespace));
        }
        return objects;
    }

    private static bool IsManifestTemplate(string name) =>
        !name.StartsWith('_') && (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));

    private static ScriptObject Globals(ChartMetadata metadata, string releaseName, string releaseNamespace, JsonObject values) => new()
    {
        ["values"] = ScriptValues.FromMap(values),
        ["release"] = new ScriptObject { ["name"] = releaseName, ["namespace"] = releaseNamespace },
        ["chart"] = new ScriptObject { ["name"] = metadata.Name, ["version"] = metadata.Version },
    };

    private static string RenderTemplate(IChartFiles chart, ChartMetadata metadata, string relativePath, ScriptObject globals)
    {
        var template = Template.Parse(chart.ReadText(relativePath) ?? "", relativePath);
        if (template.HasErrors)
        {
            var first = template.Messages.First();
            throw Error(chart, metadata, first.Span.FileName ?? relativePath, first.Span.Start.Line, first.Span.Start.Column, first.Message);
        }
        using var deadline = new CancellationTokenSource(TimeLimit);
        var context = new BoundedTemplateContext(ChartOutput.OutputLimit)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 10_000,
            RecursiveLimit = 64,
            TemplateLoader = new ChartTemplateLoader(chart, metadata.Name),
            CancellationToken = deadline.Token,
        };
        context.PushGlobal(globals);
        try
        {
            var output = template.Render(context);
            if (context.IsOverLimit(output))
                throw Error(chart, metadata, relativePath, 0, 0, $"the output is over the limit of {ChartOutput.OutputLimit} characters a template may make");
            return output;
        }
        catch (ScriptRuntimeException e)
        {
            throw Error(chart, metadata, e.Span.FileName ?? relativePath, e.Span.Start.Line, e.Span.Start.Column, e.OriginalMessage);
        }
        catch (OperationCanceledException)
        {
            throw Error(chart, metadata, relativePath, 0, 0, $"rendering took longer than {TimeLimit.TotalSeconds:0} s and was stopped");
        }
    }

    /// <summary>Scriban counts lines and columns from zero; editors count from one.</summary>
    private static ManifestException Error(IChartFiles chart, ChartMetadata metadata, string relativePath, int line, int column, string message) =>
        new($"{chart.Root}/{relativePath}", line + 1, column + 1, $"chart {metadata.Name}: {message}");
}
