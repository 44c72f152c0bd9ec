using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;
using GitOrch.Engine.Git;
using GitOrch.Engine.Charts.Sources;

namespace GitOrch.Engine.Charts.Scriban;

/// <summary>
/// Resolves <c>include "name"</c> to a file of the chart's templates folder, and nothing else: a name
/// that leaves the chart is an error, so a template can never read other files.
/// </summary>
internal sealed class ChartTemplateLoader(IChartFiles chart, string chartName) : ITemplateLoader
{
    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        var path = RepositoryLayout.Resolve(ChartOutput.TemplatesFolder, templateName);
        return path is null or ChartOutput.TemplatesFolder
            ? throw new ScriptRuntimeException(callerSpan, $"include \"{templateName}\" is outside chart {chartName}")
            : path;
    }

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        chart.ReadText(templatePath)
        ?? throw new ScriptRuntimeException(callerSpan, $"include: chart {chartName} has no {templatePath}");

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
}
