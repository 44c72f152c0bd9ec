using System.CommandLine;
using GitOrch.Cli.Output;
using GitOrch.Engine.Releases;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch sync</c>: apply the repository's current commit now, without waiting for the poll.</summary>
public static class SyncCommand
{
    public static Command Create(TextWriter output)
    {
        var source = new SourceOptions();
        var unpin = new Option<bool>("--unpin") { Description = "Lift a rollback's pin and apply Git HEAD again" };
        var command = new Command("sync", "Apply the repository's current commit now") { unpin };
        source.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var repository = await source.OpenAsync(parse, store, cancellationToken);
            var gitops = new GitOps(store, repository);
            if (await gitops.ReadPinAsync(cancellationToken) is { } pin)
            {
                if (!parse.GetValue(unpin))
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(
                        $"error: auto-sync is pinned at release {pin.Release} by a rollback; run 'gitorch sync --unpin' to apply Git HEAD");
                    return ExitCodes.Failure;
                }
                await gitops.UnpinAsync(cancellationToken);
                await output.WriteLineAsync($"unpinned (was pinned at release {pin.Release})");
            }
            repository.Fetch();
            await ApplyAsync(gitops, output, parse.InvocationConfiguration.Error, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>How long a sync waits for another apply (the server's, or another user's) to finish.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Applies the commit the server follows, and prints what changed. When another apply holds the
    /// apply journal, it waits for that one to finish and plans again, for up to a minute.
    /// </summary>
    public static async Task ApplyAsync(GitOps gitops, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var result = await WaitDisplay.RunAsync(output, progress, "waiting for another apply to finish", () => gitops.SyncAsync(LockWait, cancellationToken));
        new ChangePrinter(output).PrintApplied(result);
        await output.WriteLineAsync(result.Release is { } release
            ? $"release {release.Number}: commit {result.Commit.ShortSha}, {ChangePrinter.Summary(result.Changes)}"
            : $"in sync with commit {result.Commit.ShortSha}");
    }
}
