using System.CommandLine;
using GitOrch.Cli.Output;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch apply</c>: make the store match one commit, now, and record it as a release. With
/// <c>-f</c> or <c>-k</c>, write objects no commit declares instead (see <see cref="UnmanagedApplyVerb"/>).
/// </summary>
public static class ApplyCommand
{
    public static Command Create(TextWriter output)
    {
        var source = new SourceOptions();
        var revision = CommonOptions.Revision();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and write nothing; without --rev, the plan of the working tree, uncommitted changes included" };
        var checkRevision = new Option<long?>("--check-revision")
        {
            Description = "Refuse if an object the plan reads changed after this store revision (the one --dry-run prints)",
        };
        var replace = CommonOptions.ReplaceSource();
        var files = new UnmanagedApplyVerb();
        var command = new Command("apply", "Apply a commit's manifests: create, update and prune objects so the store matches it; or with -f, objects no commit declares")
        {
            revision, dryRun, checkRevision, replace,
        };
        source.AddTo(command);
        files.AddTo(command, withKustomize: true);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            if (files.IsGiven(parse))
            {
                if (source.IsGiven(parse) || parse.GetResult(revision) is { Implicit: false } || parse.GetValue(checkRevision) is not null)
                    throw new ArgumentException("-f and -k write objects no commit declares; --repo, --rev and --check-revision are for commits");
                return await files.RunAsync(parse, output, createOnly: false, parse.GetValue(dryRun), cancellationToken);
            }
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var repository = await source.OpenAsync(parse, store, cancellationToken);
            var gitops = new GitOps(store, repository);
            await gitops.EnsureSameSourceAsync(parse.GetValue(replace), cancellationToken);
            var options = new ApplyOptions(parse.GetValue(dryRun), parse.GetValue(checkRevision));
            var given = parse.GetResult(revision) is { Implicit: false } ? parse.GetValue(revision) : null;
            var preview = options.DryRun ? PreviewRevision.Resolve(repository, given, staged: false) : new PreviewRevision.Choice(parse.GetValue(revision)!, null);
            var result = await gitops.ApplyAsync(preview.Revision, options, cancellationToken);
            if (!options.DryRun && source.IsGiven(parse))
                await gitops.RememberSourceAsync(parse.GetValue(revision)!, cancellationToken);

            new ChangePrinter(output).PrintApplied(result, options.DryRun ? " (dry run)" : "");
            var summary = ChangePrinter.Summary(result.Changes);
            if (preview.Uncommitted is { } uncommitted)
                await output.WriteLineAsync($"{uncommitted}: {summary} (dry run); commit them to apply them");
            else if (options.DryRun)
                await output.WriteLineAsync($"commit {result.Commit.ShortSha}: {summary} (dry run); planned at store revision {result.PlanRevision}, " +
                                            $"apply exactly this plan with --check-revision {result.PlanRevision}");
            else if (result.Release is { } release)
                await output.WriteLineAsync($"release {release.Number}: commit {result.Commit.ShortSha}, {summary}");
            else
                await output.WriteLineAsync($"commit {result.Commit.ShortSha} is already applied; nothing to do");
            return ExitCodes.Success;
        });
        return command;
    }
}
