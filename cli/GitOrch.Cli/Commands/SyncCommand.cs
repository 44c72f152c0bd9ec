using System.CommandLine;
using GitOrch.Cli.Output;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Releases;
using GitOrch.Store;

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
            await using var store = await StoreLocator.OpenAsync(parse.GetValue(CommonOptions.Store), cancellationToken);
            var state = new SyncState(store);
            if (await state.ReadPinAsync(cancellationToken) is { } pin)
            {
                if (!parse.GetValue(unpin))
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(
                        $"error: auto-sync is pinned at release {pin.Release} by a rollback; run 'gitorch sync --unpin' to apply Git HEAD");
                    return ExitCodes.Failure;
                }
                await state.UnpinAsync(cancellationToken);
                await output.WriteLineAsync($"unpinned (was pinned at release {pin.Release})");
            }
            var repository = await source.OpenAsync(parse, store, cancellationToken);
            repository.Fetch();
            await ApplyAsync(store, repository, output, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Applies the commit the server follows, and prints what changed.</summary>
    public static async Task ApplyAsync(IObjectStore store, ManifestRepository repository, TextWriter output, CancellationToken cancellationToken)
    {
        var desired = new DesiredStateLoader(repository).Load(await SourceOptions.RecordedRevisionAsync(store, cancellationToken));
        var result = await new Applier(new ObjectClient(store)).ApplyAsync(ApplyTarget.ForSync(desired, null), new ApplyOptions(), cancellationToken);
        new ChangePrinter(output).PrintApplied(result);
        await output.WriteLineAsync(result.Release is { } release
            ? $"release {release.Number}: commit {desired.Commit.ShortSha}, {ChangePrinter.Summary(result.Changes)}"
            : $"in sync with commit {desired.Commit.ShortSha}");
    }
}
