using System.CommandLine;
using GitOrch.Cli.Output;
using GitOrch.Engine.Releases;
using GitOrch.Engine.Sync;
using GitOrch.Engine.Git;

namespace GitOrch.Cli.Commands;

/// <summary>
/// <c>gitorch status</c>: where the desired state comes from, the current release, whether auto-sync is
/// pinned, an interrupted apply, every object that drifted from Git, and every orphan.
/// </summary>
public static class StatusCommand
{
    public static Command Create(TextWriter output)
    {
        var format = CommonOptions.Output("text", "json", "yaml");
        var command = new Command("status", "Show the sync: source, Git HEAD, current release, pin, drift, orphans") { format };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreConnector.OpenAsync(parse, cancellationToken);
            var report = await new GitOps(store).StatusAsync(cancellationToken);
            if (!StructuredOutput.TryWrite(output, parse.GetValue(format)!, report))
                await PrintAsync(output, report);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task PrintAsync(TextWriter output, SyncReport report)
    {
        await output.WriteLineAsync($"Source:   {(report.Source is { } source ? $"{source.Repo}{(source.Path is null ? "" : $" (path {source.Path})")} at {source.Revision}" : "none recorded")}");
        await output.WriteLineAsync($"Git HEAD: {(report.GitHead is { } head ? ShortSha.Of(head) : null) ?? report.GitError ?? "unknown"}");
        await output.WriteLineAsync(report.Release is { } release
            ? $"Release:  {release.Number}, commit {release.ShortCommit} ({release.Reason}), applied {Age.Format(release.AppliedAt)} ago: {release.Message}"
            : "Release:  none yet");
        await output.WriteLineAsync($"Sync:     {Describe(report)}");
        if (report.Pin is null && HeadFailed(report) is { } failure)
            foreach (var line in failure.Error.Split('\n'))
                await output.WriteLineAsync($"  {line}");
        if (report.InterruptedApply is { } interrupted)
            await output.WriteLineAsync($"Apply:    {ApplyJournal.Describe(interrupted)}");
        await output.WriteLineAsync(report.Drift.Count == 0 ? "Drift:    none" : $"Drift:    {report.Drift.Count} object(s) differ from the release:");
        foreach (var line in report.Drift)
            await output.WriteLineAsync($"  {line}");
        await output.WriteLineAsync(report.Orphans.Count == 0 ? "Orphans:  none" : $"Orphans:  {report.Orphans.Count} object(s) no commit declares and nothing owns:");
        foreach (var line in report.Orphans)
            await output.WriteLineAsync($"  {line}");
    }

    /// <summary>The recorded failure, when it is about Git HEAD and HEAD is not the current release.</summary>
    private static SyncFailure? HeadFailed(SyncReport report) =>
        report.Failure is { } failure && failure.Commit == report.GitHead && report.Release?.Commit != failure.Commit ? failure : null;

    private static string Describe(SyncReport report) => report switch
    {
        { Pin: { } pin } => $"pinned at release {pin.Release}, Git HEAD at {ShortSha.Of(report.GitHead ?? pin.GitHead)} (a new commit or 'gitorch sync --unpin' resumes auto-sync)",
        _ when HeadFailed(report) is { } failure =>
            $"Git HEAD {ShortSha.Of(failure.Commit)} could not be applied ({Age.Format(failure.At)} ago); " +
            $"{(report.Release is null ? "nothing is applied yet" : "the store keeps the current release")}:",
        { Release: null } => "nothing applied yet",
        { GitHead: null } => "Git unreachable; the store keeps the current release",
        { Release: { } release, GitHead: { } head } when release.Commit == head => "in sync with Git HEAD",
        _ => $"Git HEAD {ShortSha.Of(report.GitHead!)} is not applied yet",
    };
}
