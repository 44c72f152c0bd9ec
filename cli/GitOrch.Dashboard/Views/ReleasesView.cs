using GitOrch.Dashboard.Live;
using GitOrch.Engine.Releases;
using GitOrch.Engine.Sync;
using GitOrch.Store;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>Every release with its commit, author and message; each links to its object diff and, for a logged-in user, rolls back to it.</summary>
internal static class ReleasesView
{
    public static async Task<Page> RenderAsync(ViewRequest request)
    {
        var history = await request.Settings.GitOps.HistoryAsync(request.CancellationToken);
        var current = history.Releases.Count == 0 ? 0 : history.Releases.Max(release => release.Number);
        var pin = history.Pin is { } pinned
            ? $"<p class=\"pin\" id=\"pin\">Auto-sync is <strong>pinned at release {pinned.Release}</strong> until Git gets a new commit.</p>"
            : "<p>Auto-sync follows Git: nothing is pinned.</p>";
        var rows = history.Releases.OrderByDescending(release => release.Number).Select(release => (IReadOnlyList<string>)
        [
            Link($"/releases/{release.Number}", $"{release.Number}"),
            CommitLink(request.Settings, release),
            E(release.Author),
            E(release.Message),
            E(release.Reason),
            Age(release.AppliedAt),
            $"{release.Changes.Count}",
            release.Number == current ? "current" : request.Action("/actions/rollback", $"Roll back to {release.Number}", ("release", $"{release.Number}")),
        ]);
        var failed = Table("Syncs stopped by a hook or a wave", ["Commit", "Message", "Why"], history.Failed.Select(release => (IReadOnlyList<string>)
            [$"<code>{E(release.ShortCommit)}</code>", E(release.Message), E(release.Failure)]), "none");
        var main = Heading("Releases") + pin
                   + Table("Release history, newest first", ["Release", "Commit", "Author", "Message", "Reason", "Applied", "Changes", "Action"], rows, "no release yet")
                   + failed;
        return new Page("Releases", ChangeFeed.SyncTopics, main);
    }

    /// <summary>The short sha, linked to the commit's page where the repository is on a web Git host.</summary>
    public static string CommitLink(DashboardSettings settings, Release release)
    {
        var location = settings.Repository.Location;
        var code = $"<code>{E(release.ShortCommit)}</code>";
        return location.StartsWith("https://", StringComparison.Ordinal)
            ? $"<a href=\"{E(location.EndsWith(".git", StringComparison.Ordinal) ? location[..^4] : location)}/commit/{E(release.Commit)}\">{code}</a>"
            : code;
    }

    public static async Task<Page> RenderOneAsync(ViewRequest request, int number)
    {
        var history = await request.Settings.GitOps.HistoryAsync(request.CancellationToken);
        var release = history.Releases.FirstOrDefault(candidate => candidate.Number == number)
                      ?? throw new NotFoundException($"release {number}");
        var previous = history.Releases.Where(candidate => candidate.Number < number).MaxBy(candidate => candidate.Number);
        var details = DefinitionList([
            ("Commit", CommitLink(request.Settings, release) + $" <span class=\"sha\">{E(release.Commit)}</span>"),
            ("Author", E(release.Author)),
            ("Message", E(release.Message)),
            ("Committed", Age(release.CommitTime) + " ago"),
            ("Applied", Age(release.AppliedAt) + " ago, by " + E(release.Reason)),
        ]);
        var changes = Table("What this release changed", ["Change"], release.Changes.Select(change => (IReadOnlyList<string>)[E(change)]), "nothing");
        var main = Heading($"Release {number}") + details + request.Action("/actions/rollback", $"Roll back to release {number}", ("release", $"{number}"))
                   + Section("Changes", changes) + Section("Object diff", ObjectDiffSince(request.Settings, previous?.Commit, release.Commit));
        return new Page($"Release {number}", ChangeFeed.SyncTopics, main);
    }

    /// <summary>The unified diff of every object the commit changed since the previous release's commit, read from Git alone.</summary>
    private static string ObjectDiffSince(DashboardSettings settings, string? from, string to)
    {
        if (from is null) return "<p>The first release: every object was created.</p>";
        try
        {
            var changes = GitOps.DiffCommits(settings.Repository, from, to);
            return changes.Count == 0
                ? "<p>No object differs from the release before.</p>"
                : string.Concat(changes.Select(change => Pre(Engine.Planning.ObjectDiff.Unified(change.WithSecretsMasked()), change.Describe())));
        }
        catch (Exception e) when (e is Engine.Git.GitSourceException or GitOrch.Api.Serialization.ManifestException or LibGit2Sharp.LibGit2SharpException)
        {
            return $"<p class=\"error\">Git cannot show this diff: {E(e.Message)}</p>";
        }
    }
}
