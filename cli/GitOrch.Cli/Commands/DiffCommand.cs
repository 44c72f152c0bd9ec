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
            Description = "REV compares that commit with the store (default HEAD); A..B compares two commits",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var live = new Option<bool>("--live") { Description = "Compare the store with the latest release: what was changed by hand" };
        var showSecrets = SecretsFlag.Create();
        var command = new Command("diff", "Show what differs between Git and the store, object by object") { range, live, showSecrets };
        source.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var changes = parse.GetValue(live)
                ? await DriftAsync(parse, cancellationToken)
                : await CompareAsync(parse, source, parse.GetValue(range) ?? "HEAD", cancellationToken);
            var printer = new ChangePrinter(output);
            printer.PrintDiffs(parse.GetValue(showSecrets) ? changes : [.. changes.Select(Masked)]);
            await output.WriteLineAsync(ChangePrinter.Summary(changes));
            return changes.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, errorCode: ExitCodes.Usage);
        return command;
    }

    private static Change Masked(Change change) =>
        change with { Object = SecretMasking.Mask(change.Object), Live = change.Live is null ? null : SecretMasking.Mask(change.Live) };

    private static async Task<IReadOnlyList<Change>> DriftAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
        return await new GitOps(store).DriftAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<Change>> CompareAsync(ParseResult parse, SourceOptions source, string range, CancellationToken cancellationToken)
    {
        var bounds = range.Split("..", 2);
        if (bounds.Length == 2 && source.OpenGiven(parse) is { } repository)
            return GitOps.DiffCommits(repository, bounds[0], bounds[1]);
        await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
        var recorded = await source.OpenAsync(parse, store, cancellationToken);
        return bounds.Length == 2 ? GitOps.DiffCommits(recorded, bounds[0], bounds[1]) : await new GitOps(store, recorded).DiffAsync(range, cancellationToken);
    }
}
