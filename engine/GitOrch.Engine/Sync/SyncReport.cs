using GitOrch.Engine.Git;
using GitOrch.Engine.Releases;
using GitOrch.Store;

namespace GitOrch.Engine.Sync;

/// <summary>
/// The sync at a glance: where the desired state comes from, where Git HEAD is (or why it could not be
/// reached), the current release, a rollback's pin, an interrupted apply, why auto-sync last failed,
/// each drifted object, and each orphan (kind and key).
/// </summary>
public sealed record SyncReport(SyncSource? Source, string? GitHead, string? GitError, Release? Release, SyncPin? Pin,
    JournalEntry? InterruptedApply, SyncFailure? Failure, IReadOnlyList<string> Drift, IReadOnlyList<string> Orphans)
{
    public static async Task<SyncReport> ReadAsync(IObjectStore store, ObjectClient client, CancellationToken cancellationToken)
    {
        var state = new SyncState(store);
        var source = await state.ReadSourceAsync(cancellationToken);
        var (head, gitError) = source is null ? (null, null) : ResolveHead(source);
        var (release, _) = await new ReleaseStore(store).LatestAsync(cancellationToken);
        var journal = await new ApplyJournal(store).ReadAsync(cancellationToken);
        var drift = await new DriftDetector(client).DetectAsync(cancellationToken);
        var orphans = await new OrphanFinder(client).FindAsync(cancellationToken);
        return new SyncReport(source, head, gitError, release, await state.ReadPinAsync(cancellationToken), journal?.Entry,
            await state.ReadFailureAsync(cancellationToken), drift.Select(change => change.Describe()).ToList(),
            orphans.Select(orphan => $"{orphan.Kind} {(orphan.Namespace is { } ns ? $"{ns}/" : "")}{orphan.Name}").ToList());
    }

    private static (string? Head, string? Error) ResolveHead(SyncSource source)
    {
        try
        {
            var repository = source.Open();
            repository.Fetch();
            return (repository.Resolve(source.Revision), null);
        }
        catch (GitSourceException e)
        {
            return (null, e.Message);
        }
    }
}
