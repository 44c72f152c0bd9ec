using System.CommandLine;
using GitOrch.Cli.Output;
using GitOrch.Api.Model;
using GitOrch.Engine.Git;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch render PATH</c>: prints exactly what the engine would apply for a folder of a local
/// repository, at a commit: plain manifests, charts and kustomizations alike, each with its source.
/// </summary>
public static class RenderCommand
{
    public static Command Create(TextWriter output)
    {
        var path = new Argument<string>("path") { Description = "A folder in a local Git repository (the repository itself for all of it)" };
        var revision = CommonOptions.Revision();
        var format = CommonOptions.Output("yaml", "json");
        var command = new Command("render", "Print the objects a folder declares at a commit, as the engine would apply them") { path, revision, format };
        command.SetGuardedAction(async (parse, _) =>
        {
            var folder = parse.GetValue(path)!;
            if (!Directory.Exists(folder)) throw new ArgumentException($"{folder}: no such folder");
            var objects = GitOps.Render(ManifestRepository.Open(Path.GetFullPath(folder)), parse.GetValue(revision)!);
            if (parse.GetValue(format) == "json")
            {
                StructuredOutput.TryWrite(output, "json", objects.Select(declared => declared.Object).ToList());
                return ExitCodes.Success;
            }
            foreach (var declared in objects)
            {
                var rendered = RepositoryLayout.IsKustomizationFile(declared.Path) || declared.Object.Annotation(WellKnown.ChartRelease) is not null;
                await SourcedYaml.WriteAsync(output, rendered ? declared.Path : $"{declared.Path}:{declared.Line}", declared.Object);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
