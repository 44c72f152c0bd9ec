using System.CommandLine;
using GitOrch.Api.Model;
using GitOrch.Cli.Contexts;
using GitOrch.Engine.Planning;
using GitOrch.Store;
using GitOrch.Engine.Sync;
using GitOrch.Engine.Git;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch blame KIND NAME</c>: the commit, author and file:line that produced a live object.</summary>
public static class BlameCommand
{
    public static Command Create(TextWriter output)
    {
        var source = new SourceOptions();
        var kind = KindArgument.Create("The kind, such as deployment or cm");
        var ns = CommonOptions.Namespace();
        var name = KindAndName.NameArgument(kind, ns);
        var command = new Command("blame", "Show which commit, author and file:line produced a live object") { kind, name, ns };
        source.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var (info, objectName) = KindAndName.Resolve(parse.GetValue(kind)!, parse.GetValue(name));
            var live = await new ObjectClient(store).GetAsync(info, ContextSelection.Namespace(parse, ns), objectName, cancellationToken)
                       ?? throw new NotFoundException($"{info.Resource} \"{objectName}\"");
            var blame = await new GitOps(store, await source.OpenAsync(parse, store, cancellationToken)).BlameAsync(live, cancellationToken);
            await output.WriteLineAsync($"{Change.ObjectName(live)}: {blame.Path}:{blame.FirstLine}-{blame.LastLine}, " +
                                        $"last changed by {blame.Newest.ShortSha} ({blame.Newest.Author}, {blame.Newest.Time:yyyy-MM-dd}): {blame.Newest.Message}");
            if (live.Annotation(WellKnown.ChartRelease) is { } chartRelease)
                await output.WriteLineAsync($"rendered by ChartRelease {chartRelease}; the lines below are the template's");
            else if (RepositoryLayout.IsKustomizationFile(blame.Path))
                await output.WriteLineAsync("rendered by kustomize; the lines below are the kustomization's");
            foreach (var line in blame.Lines)
                await output.WriteLineAsync($"{line.Commit.ShortSha} {line.Commit.Author,-16} {line.Number,5}| {line.Text}");
            return ExitCodes.Success;
        });
        return command;
    }
}
