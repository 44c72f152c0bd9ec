using GitOrch.Api.Model;
using GitOrch.Dashboard.Live;
using GitOrch.Engine.Git;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>The sync at a glance: the repository, branch and HEAD, the applied release and whether a rollback pinned it, drift, an interrupted apply, and node health.</summary>
internal static class OverviewView
{
    public static async Task<Page> RenderAsync(ViewRequest request)
    {
        var report = await request.Settings.GitOps.StatusAsync(request.CancellationToken);
        var nodes = await request.Settings.Client.ListAsync<Node>(cancellationToken: request.CancellationToken);
        var release = report.Release;
        var inSync = release is not null && report.GitHead is not null && release.Commit == report.GitHead;

        var sync = DefinitionList([
            ("Repository", E(report.Source?.Repo ?? "not synced yet") + (report.Source?.Path is { } path ? $" ({E(path)})" : "")),
            ("Branch", E(report.Source?.Revision ?? "")),
            ("Git HEAD", report.GitHead is { } head ? $"<code>{E(ShortSha.Of(head))}</code>" : E(report.GitError ?? "unknown")),
            ("Applied release", release is null ? "none yet"
                : $"{Link($"/releases/{release.Number}", $"release {release.Number}")}, commit <code id=\"applied-commit\">{E(release.ShortCommit)}</code> " +
                  $"“{E(release.Message)}” by {E(release.Author)}, applied {Age(release.AppliedAt)} ago"),
            ("State", inSync ? Badge("Synced") : Badge(report.Pin is null ? "OutOfSync" : "Pinned")),
            ("Pin", report.Pin is { } pin
                ? $"<strong id=\"pin\">pinned at release {pin.Release}</strong> by a rollback until Git moves past <code>{E(ShortSha.Of(pin.GitHead))}</code>"
                : "not pinned"),
        ]);
        var problems = new List<string>();
        if (report.Failure is { } failure)
            problems.Add($"<p class=\"error\" role=\"alert\">The last sync failed at commit <code>{E(ShortSha.Of(failure.Commit))}</code>, {Age(failure.At)} ago:</p>{Pre(failure.Error, "the sync error")}");
        if (report.InterruptedApply is { } interrupted)
            problems.Add($"<p class=\"error\">An apply of release {interrupted.Release.Number} (commit <code>{E(interrupted.Release.ShortCommit)}</code>) was interrupted; the next sync finishes it.</p>");
        var drift = Table("Drifted objects", ["Change"], report.Drift.Select(change => (IReadOnlyList<string>)[E(change)]), "none: the store matches the release");
        var nodeTable = Table("Nodes", ["Node", "State", "Last heartbeat"], nodes.Select(node => (IReadOnlyList<string>)
            [Link($"/nodes#{node.Name}", node.Name), Badge(NodeState.Of(node)), Age(NodeState.Heartbeat(node))]), "no node has joined");

        var main = Heading("Overview")
                   + request.Action("/actions/sync", "Sync now")
                   + Section("Sync", sync + string.Concat(problems))
                   + Section("Drift", drift)
                   + Section("Node health", nodeTable);
        return new Page("Overview", [.. ChangeFeed.SyncTopics, "nodes", "deployments", "services"], main);
    }
}
