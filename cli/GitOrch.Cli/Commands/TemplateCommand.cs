using GitOrch.Engine.Charts.Sources;
using System.CommandLine;
using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Engine.Charts;
using GitOrch.Cli.Output;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch template CHART</c>: render a chart on disk with values, printing the objects it would declare.</summary>
public static class TemplateCommand
{
    public static Command Create(TextWriter output)
    {
        var chart = new Argument<string>("chart") { Description = "The chart's folder (holding Chart.yaml, values.yaml and templates/)" };
        var valuesFiles = new Option<string[]>("--values", "-f") { Description = "A values file to merge over the chart's values.yaml (repeatable)" };
        var sets = new Option<string[]>("--set") { Description = "A value to set in Helm's --set syntax: a.b=c, several with commas, lists as l={x,y}, indices as l[0].k=v (repeatable)" };
        var name = new Option<string>("--name") { Description = "The release name", DefaultValueFactory = _ => "release" };
        var ns = CommonOptions.Namespace("The release namespace (default: the context's, else default)");
        var command = new Command("template", "Render a chart locally and print the objects") { chart, valuesFiles, sets, name, ns };
        command.SetGuardedAction(async (parse, _) =>
        {
            var folder = parse.GetValue(chart)!;
            if (!Directory.Exists(folder)) throw new ArgumentException($"chart folder {folder} does not exist");
            var files = new DirectoryChartFiles(folder);
            var values = ChartRenderer.DefaultValues(files);
            foreach (var path in parse.GetValue(valuesFiles) ?? [])
            {
                if (!File.Exists(path)) throw new ArgumentException($"--values {path}: no such file");
                ChartValues.Merge(values, ChartValues.Parse(path, await File.ReadAllTextAsync(path)));
            }
            foreach (var assignment in parse.GetValue(sets) ?? [])
                SetValues.Apply(values, assignment);
            foreach (var rendered in ChartRenderer.Render(files, parse.GetValue(name)!, ContextSelection.Namespace(parse, ns), values))
            {
                await SourcedYaml.WriteAsync(output, rendered.Path, rendered.Object);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
