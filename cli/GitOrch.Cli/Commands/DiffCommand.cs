using GitOrch.Api.Model;
using System.CommandLine;
using GitOrch.Cli.Output;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch diff</c>: what applying would change, compared semantically, as unified diffs. Exits 0 for
/// no change, 1 for changes and 2 for an error, as kubectl diff does.
/// </summary>
public static class DiffCommand
{
    public static Command Create(TextWriter output)
    {
        var source = new SourceOptions();
        var range = new Argument<string?>("revision")
        {
            Description = "REV compares that commit with the store; A..B compares two commits. Default: the working tree, uncommitted changes included",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var live = new Option<bool>("--live") { Description = "Compare the store with the latest release: what was changed by hand" };
        var staged = new Option<bool>("--staged") { Description = "Compare the index (what git add staged) with the store" };
        var showSecrets = SecretsFlag.Create();
        var command = new Command("diff", "Show what differs between Git and the store, object by object") { range, live, staged, showSecrets };
        source.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var changes = parse.GetValue(live)
                ? await DriftAsync(parse, cancellationToken)
                : await CompareAsync(parse, source, parse.GetValue(range), parse.GetValue(staged), cancellationToken);
            var printer = new ChangePrinter(output);
            printer.PrintDiffs(parse.GetValue(showSecrets) ? changes : [.. changes.Select(change => change.WithSecretsMasked())]);
            await output.WriteLineAsync(ChangePrinter.Summary(changes));
            return changes.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, errorCode: ExitCodes.Usage);
        return command;
    }

    private static async Task<IReadOnlyList<Change>> DriftAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
        return await new GitOps(store).DriftAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<Change>> CompareAsync(ParseResult parse, SourceOptions source, string? range, bool staged, CancellationToken cancellationToken)
    {
        if (staged && range is not null)
            throw new ArgumentException("--staged compares the index with the store; give no revision with it");
        var bounds = range?.Split("..", 2);
        if (bounds is [var from, var to] && source.OpenGiven(parse) is { } repository)
            return GitOps.DiffCommits(repository, from, to);
        await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
        var recorded = await source.OpenAsync(parse, store, cancellationToken);
        if (bounds is [var first, var second])
            return GitOps.DiffCommits(recorded, first, second);
        var preview = PreviewRevision.Resolve(recorded, range, staged);
        if (preview.Uncommitted is { } uncommitted)
            await parse.InvocationConfiguration.Error.WriteLineAsync($"Comparing {uncommitted} with the store");
        return await new GitOps(store, recorded).DiffAsync(preview.Revision, cancellationToken);
    }
}
