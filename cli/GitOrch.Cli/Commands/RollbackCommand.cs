using System.CommandLine;
using GitOrch.Cli.Output;
using GitOrch.Engine.Git;
using GitOrch.Engine.Releases;
using GitOrch.Store;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch rollback [N | COMMIT]</c>: re-apply an earlier release from the store and pin auto-sync
/// there, or with <c>--revert-commit</c> put the rollback into Git as a new commit.
/// </summary>
public static class RollbackCommand
{
    public static Command Create(TextWriter output)
    {
        var source = new SourceOptions();
        var which = new Argument<string?>("release")
        {
            Description = "A release number or a commit sha (default: the release before the current one)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        LiveCompletions.Releases(which);
        var revertCommit = new Option<bool>("--revert-commit")
        {
            Description = "Also commit the rollback to the repository (and push it, for a remote), so Git stays the truth and nothing is pinned",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and write nothing" };
        var command = new Command("rollback", "Roll back to an earlier release; auto-sync stays pinned there until Git gets a new commit")
        {
            which, revertCommit, dryRun,
        };
        source.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var gitops = new GitOps(store);
            var release = await gitops.FindReleaseAsync(parse.GetValue(which), cancellationToken);
            var options = new ApplyOptions(parse.GetValue(dryRun));
            var printer = new ChangePrinter(output);

            if (parse.GetValue(revertCommit) && !options.DryRun)
            {
                var inGit = new GitOps(store, await source.OpenAsync(parse, store, cancellationToken));
                var (written, applied) = await inGit.RollbackInGitAsync(release, options, cancellationToken);
                printer.PrintApplied(applied);
                await output.WriteLineAsync(written is null
                    ? $"Git already matches release {release.Number}; no commit written"
                    : $"wrote commit {ShortSha.Of(written)} restoring release {release.Number}; {ChangePrinter.Summary(applied.Changes)}");
                return ExitCodes.Success;
            }

            var result = await gitops.RollbackAsync(release, await GitHeadAsync(parse, source, store, cancellationToken), options, cancellationToken);
            printer.PrintApplied(result, options.DryRun ? " (dry run)" : "");
            await output.WriteLineAsync(options.DryRun
                ? $"rollback to release {release.Number}: {ChangePrinter.Summary(result.Changes)} (dry run)"
                : $"release {result.Release!.Number}: rolled back to release {release.Number} (commit {release.ShortCommit}), {ChangePrinter.Summary(result.Changes)}. " +
                  "Auto-sync is pinned until Git gets a new commit, or 'gitorch sync --unpin'.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Where Git is now, so the pin knows when Git moves on; null when the repository cannot be opened or reached, as rollback must work then too.</summary>
    private static async Task<string?> GitHeadAsync(ParseResult parse, SourceOptions source, IObjectStore store, CancellationToken cancellationToken)
    {
        try
        {
            return await new GitOps(store, await source.OpenAsync(parse, store, cancellationToken)).ReachableGitHeadAsync(cancellationToken);
        }
        catch (Exception e) when (e is GitSourceException or ArgumentException)
        {
            return null;
        }
    }
}
