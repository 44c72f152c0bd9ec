using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GitOrch.Engine.Charts;

/// <summary>
/// Renders a chart's templates with Scriban into objects. Rendering is sandboxed: includes stay inside
/// the chart, loops and recursion are bounded, every variable must exist, and it must end in time.
/// </summary>
public static class ChartRenderer
{
    public const string ValuesFile = "values.yaml";
    internal const string TemplatesFolder = "templates";
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    /// <summary>The most characters one template may output, and one string inside it may hold.</summary>
    public const int OutputLimit = 4 * 1024 * 1024;

    /// <summary>The chart's values.yaml, or an empty map.</summary>
    public static JsonObject DefaultValues(IChartFiles chart) =>
        chart.ReadText(ValuesFile) is { } text ? ChartValues.Parse($"{chart.Root}/{ValuesFile}", text) : [];

    /// <summary>Renders every template (files in templates/ not starting with '_') with the given, already merged, values.</summary>
    public static IReadOnlyList<LoadedObject> Render(IChartFiles chart, string releaseName, string releaseNamespace, JsonObject values)
    {
        var metadata = ChartMetadata.Read(chart);
        var objects = new List<LoadedObject>();
        foreach (var name in chart.ListFiles(TemplatesFolder).Where(IsManifestTemplate))
        {
            var relativePath = $"{TemplatesFolder}/{name}";
            var text = RenderTemplate(chart, metadata, relativePath, Globals(metadata, releaseName, releaseNamespace, values));
            objects.AddRange(LoadRendered(chart, metadata, releaseName, relativePath, text, releaseNamespace));
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
        var context = new BoundedTemplateContext(OutputLimit)
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
                throw Error(chart, metadata, relativePath, 0, 0, $"the output is over the limit of {OutputLimit} characters a template may make");
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

    private static IReadOnlyList<LoadedObject> LoadRendered(IChartFiles chart, ChartMetadata metadata, string releaseName,
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

    /// <summary>Scriban counts lines and columns from zero; editors count from one.</summary>
    private static ManifestException Error(IChartFiles chart, ChartMetadata metadata, string relativePath, int line, int column, string message) =>
        new($"{chart.Root}/{relativePath}", line + 1, column + 1, $"chart {metadata.Name}: {message}");
}
