using System.CommandLine;
using GitOrch.Cli.Output;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Planning;
using GitOrch.Store;
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
        var command = new Command("diff", "Show what differs between Git and the store, object by object") { range, live };
        source.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var changes = parse.GetValue(live)
                ? await DriftAsync(parse, cancellationToken)
                : await CompareAsync(parse, source, parse.GetValue(range) ?? "HEAD", cancellationToken);
            var printer = new ChangePrinter(output);
            printer.PrintDiffs(changes);
            await output.WriteLineAsync(ChangePrinter.Summary(changes));
            return changes.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, errorCode: ExitCodes.Usage);
        return command;
    }

    private static async Task<IReadOnlyList<Change>> DriftAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
        return await new DriftDetector(new ObjectClient(store)).DetectAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<Change>> CompareAsync(ParseResult parse, SourceOptions source, string range, CancellationToken cancellationToken)
    {
        var bounds = range.Split("..", 2);
        if (bounds.Length == 2 && source.OpenGiven(parse) is { } repository)
            return CompareCommits(new DesiredStateLoader(repository), bounds[0], bounds[1]);
        await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
        var loader = new DesiredStateLoader(await source.OpenAsync(parse, store, cancellationToken));
        if (bounds.Length == 2) return CompareCommits(loader, bounds[0], bounds[1]);

        var desired = loader.Load(range);
        var live = await LiveObjects.ReadAsync(new ObjectClient(store), null, cancellationToken);
        return Planner.Plan(desired.Commit.Sha, desired.ObjectsByKey(), live);
    }

    private static IReadOnlyList<Change> CompareCommits(DesiredStateLoader loader, string from, string to)
    {
        var before = loader.Load(from).ObjectsByKey();
        var after = loader.Load(to);
        return Planner.Plan(after.Commit.Sha, after.ObjectsByKey(), before);
    }
}
