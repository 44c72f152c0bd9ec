using System.Globalization;
using GitOrch.Store;
using GitOrch.Engine.Releases;
using GitOrch.Engine.Git;

namespace GitOrch.Engine.Sync;

/// <summary>
/// Re-applies an earlier release's objects from the store, so it needs no Git, and pins auto-sync so the
/// next poll does not undo it. A new commit in Git, or <c>sync --unpin</c>, lifts the pin.
/// </summary>
public sealed class Rollback(ObjectClient client)
{
    private readonly Applier _applier = new(client);

    /// <summary>Finds a release by number, or by a commit sha or a prefix of one (the newest such release).</summary>
    public async Task<Release> FindAsync(string? which, CancellationToken cancellationToken)
    {
        var releases = await _applier.Releases.ListAsync(cancellationToken);
        if (releases.Count == 0) throw new NotFoundException("release history (nothing has been applied yet)");
        if (which is null)
            return releases.Count >= 2 ? releases[^2] : throw new NotFoundException("a release before the current one");
        if (int.TryParse(which, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return releases.FirstOrDefault(release => release.Number == number) ?? throw new NotFoundException($"release {number}");
        if (which.Length < 4) throw new ArgumentException($"\"{which}\" is neither a release number nor a commit (give at least 4 characters of the sha)");
        return releases.LastOrDefault(release => release.Commit.StartsWith(which, StringComparison.OrdinalIgnoreCase))
               ?? throw new NotFoundException($"a release of commit {which}");
    }

    /// <param name="gitHead">The commit Git is at now; auto-sync stays pinned until it moves. Null when Git cannot be reached.</param>
    public async Task<ApplyResult> RunAsync(Release release, string? gitHead, ApplyOptions options, CancellationToken cancellationToken)
    {
        var objects = await _applier.Releases.ReadReleaseObjectsAsync(release.Number, cancellationToken);
        var commit = new CommitInfo(release.Commit, release.Author, release.Message, release.CommitTime);
        gitHead ??= (await _applier.Releases.ListAsync(cancellationToken)).Last(applied => applied.Reason == Release.SyncReason).Commit;
        var target = new ApplyTarget(commit, objects, $"rollback to release {release.Number}")
        {
            Pin = new SyncPin(release.Number, gitHead, DateTimeOffset.UtcNow),
            Source = release.Source,
        };
        return await _applier.ApplyAsync(target, options, cancellationToken);
    }
}
