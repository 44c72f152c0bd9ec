using System.CommandLine;
using GitOrch.Cli.Output;
using GitOrch.Engine.Releases;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch history</c>: every release and every failed sync, oldest first, as a table or as JSON or
/// YAML. A failed sync's row says why in place of the commit message. The table names each release's
/// repository when the releases come from more than one, and always with <c>-o wide</c>.
/// </summary>
public static class HistoryCommand
{
    public static Command Create(TextWriter output)
    {
        var format = CommonOptions.Output("table", "wide", "json", "yaml");
        var command = new Command("history", "List the releases: each applied commit and each rollback") { format };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var history = await new GitOps(store).HistoryAsync(cancellationToken);
            var (releases, pin) = history;
            var rows = releases.Concat(history.Failed).OrderBy(release => release.AppliedAt).ToList();
            if (StructuredOutput.TryWrite(output, parse.GetValue(format)!, rows))
                return ExitCodes.Success;
            if (rows.Count == 0)
            {
                await output.WriteLineAsync("No releases yet: nothing has been applied.");
                return ExitCodes.Success;
            }
            var withSource = parse.GetValue(format) == "wide" || rows.Select(release => release.Source).Distinct().Count() > 1;
            string[] header = ["RELEASE", "COMMIT", "AUTHOR", "APPLIED", "CHANGES", "REASON", .. withSource ? ["SOURCE"] : Array.Empty<string>(), "MESSAGE"];
            TextTable.Write(output, header, rows.Select(release => (IEnumerable<string>)[
                Marker(release, releases.Count == 0 ? null : releases[^1], pin), release.ShortCommit, release.Author, Age.Format(release.AppliedAt),
                release.Changes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), release.Failure is null ? release.Reason : $"{release.Reason} failed",
                .. withSource ? [release.Source ?? "<unknown>"] : Array.Empty<string>(), release.Failure ?? release.Message]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The number, with a star on the current release and "(pinned)" on the one a rollback pinned; a
    /// failed sync has no number of its own (the next release takes it), and says "failed".
    /// </summary>
    private static string Marker(Release release, Release? current, SyncPin? pin) =>
        release.Failure is not null ? "failed"
        : $"{release.Number}{(release.Number == current?.Number ? "*" : "")}{(pin?.Release == release.Number ? " (pinned)" : "")}";
}
