using GitOrch.Api.Model;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Releases;
using GitOrch.Store;

namespace GitOrch.Engine.Sync;

/// <summary>
/// The engine's one entry point for what users ask of the sync: apply a commit, sync, roll back, and read
/// status, history, drift and diffs. The CLI verbs, the sync loop and any later UI call only this, so
/// each request is composed in one place. The repository is needed only by requests that read Git.
/// </summary>
public sealed class GitOps(IObjectStore store, ManifestRepository? repository = null)
{
    private readonly ObjectClient _client = new(store);
    private readonly SyncState _state = new(store);
    private DesiredStateLoader? _loader;
    private Applier? _applier;
    private DriftDetector? _drift;

    public IObjectStore Store => store;

    private ManifestRepository Repository => repository ?? throw new InvalidOperationException("this request reads Git, but no repository was given");

    private DesiredStateLoader Loader => _loader ??= new DesiredStateLoader(Repository);

    private Applier Applier => _applier ??= new Applier(_client);

    private DriftDetector Drift => _drift ??= new DriftDetector(_client);

    /// <summary>Loads and validates a commit in full, then makes the store match it and records a release.</summary>
    public Task<ApplyResult> ApplyAsync(string revision, ApplyOptions options, CancellationToken cancellationToken) =>
        Applier.ApplyAsync(ApplyTarget.ForSync(Loader.Load(revision), null, Repository.Source), options, cancellationToken);

    /// <summary>
    /// Auto-sync's step: applies a commit, planning only the keys that changed since the commit this
    /// instance loaded before, and gives up, writing nothing, when a rollback pins Git at this commit.
    /// </summary>
    public Task<ApplyResult> ApplyNextAsync(string commit, CancellationToken cancellationToken)
    {
        var previous = Loader.Last;
        var target = ApplyTarget.ForSync(Loader.Load(commit), previous, Repository.Source) with { YieldsToPin = true };
        return Applier.ApplyAsync(target, new ApplyOptions(), cancellationToken);
    }

    /// <summary>
    /// Applies the revision the server follows. When another apply holds the journal, it waits for that
    /// apply to finish and plans again, for up to <paramref name="lockWait"/>.
    /// </summary>
    public async Task<ApplyResult> SyncAsync(TimeSpan lockWait, CancellationToken cancellationToken)
    {
        var desired = Loader.Load(await RecordedRevisionAsync(cancellationToken));
        var deadline = DateTimeOffset.UtcNow + lockWait;
        while (true)
        {
            try
            {
                return await Applier.ApplyAsync(ApplyTarget.ForSync(desired, null, Repository.Source), new ApplyOptions(), cancellationToken);
            }
            catch (ConflictException e) when (e.Key == ApplyJournal.Key && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    /// <summary>The branch, tag or commit the server follows, as recorded with the repository; HEAD when none was.</summary>
    public async Task<string> RecordedRevisionAsync(CancellationToken cancellationToken) =>
        (await _state.ReadSourceAsync(cancellationToken))?.Revision ?? "HEAD";

    public Task RememberSourceAsync(string revision, CancellationToken cancellationToken) =>
        _state.SaveSourceAsync(SyncSource.For(Repository, revision), cancellationToken);

    /// <summary>
    /// Refuses this repository when the store already holds releases of another one: applying it would
    /// prune every object the other declared. <paramref name="replace"/> allows the switch.
    /// </summary>
    public async Task EnsureSameSourceAsync(bool replace, CancellationToken cancellationToken)
    {
        if (replace || await _state.ReadSourceAsync(cancellationToken) is not { } recorded) return;
        var current = recorded.Name;
        if (current != Repository.Source && await CurrentReleaseAsync(cancellationToken) is not null)
            throw new SourceChangedException(
                $"this store holds the releases of {current}; applying {Repository.Source} would prune all of its objects (pass --replace to switch the store to it)");
    }

    /// <summary>The repository and revision the last server, <c>up</c> or <c>apply --repo</c> recorded; null when none did.</summary>
    public Task<SyncSource?> ReadSourceAsync(CancellationToken cancellationToken) => _state.ReadSourceAsync(cancellationToken);

    public Task<SyncPin?> ReadPinAsync(CancellationToken cancellationToken) => _state.ReadPinAsync(cancellationToken);

    /// <summary>Records why auto-sync could not apply a commit; <see cref="StatusAsync"/> reports it until it is cleared.</summary>
    public Task<SyncFailure?> ReadFailureAsync(CancellationToken cancellationToken) => _state.ReadFailureAsync(cancellationToken);

    public Task RecordFailureAsync(SyncFailure failure, CancellationToken cancellationToken) => _state.SaveFailureAsync(failure, cancellationToken);

    public Task ClearFailureAsync(CancellationToken cancellationToken) => _state.ClearFailureAsync(cancellationToken);

    public Task UnpinAsync(CancellationToken cancellationToken) => _state.UnpinAsync(cancellationToken);

    /// <summary>A release by number, or by a commit sha or a prefix of one; by default the one before the current.</summary>
    public Task<Release> FindReleaseAsync(string? which, CancellationToken cancellationToken) =>
        new Rollback(_client).FindAsync(which, cancellationToken);

    /// <summary>Where Git is now for the revision the sync follows, so that a rollback's pin knows when Git moves on; null when Git cannot be reached, as a rollback must work then too.</summary>
    public async Task<string?> ReachableGitHeadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Repository.Fetch();
            return Repository.Resolve(await RecordedRevisionAsync(cancellationToken));
        }
        catch (GitSourceException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether auto-sync has applied a commit. A release of a later commit counts, so that a commit
    /// pushed while someone waits does not keep them waiting.
    /// </summary>
    public async Task<CommitSync> CommitSyncAsync(string commit, CancellationToken cancellationToken)
    {
        var release = await CurrentReleaseAsync(cancellationToken);
        if (release is not null && (release.Commit == commit || Repository.IsAncestorOrSame(commit, release.Commit)))
            return new CommitSync(CommitSyncPhase.Applied);
        if (await ReadFailureAsync(cancellationToken) is { } failure && failure.Commit == commit)
            return new CommitSync(CommitSyncPhase.Failed, failure.Error);
        if (await ReadPinAsync(cancellationToken) is not null)
            return new CommitSync(CommitSyncPhase.Pinned);
        return new CommitSync(CommitSyncPhase.Pending);
    }

    /// <summary>Re-applies an earlier release from the store, with no Git needed, and pins auto-sync there.</summary>
    public Task<ApplyResult> RollbackAsync(Release release, string? gitHead, ApplyOptions options, CancellationToken cancellationToken) =>
        new Rollback(_client).RunAsync(release, gitHead, options, cancellationToken);

    /// <summary>Puts the rollback into Git as a new commit (pushed, for a remote), lifts any pin and applies it.</summary>
    /// <returns>The commit written, or null when Git already matched the release; and what the apply changed.</returns>
    public async Task<(string? Written, ApplyResult Applied)> RollbackInGitAsync(Release release, ApplyOptions options, CancellationToken cancellationToken)
    {
        var message = $"Roll back to release {release.Number} (commit {release.ShortCommit})\n\nWritten by gitorch rollback --revert-commit.";
        var written = RevertCommit.Write(Repository, release.Commit, message);
        await _state.UnpinAsync(cancellationToken);
        return (written, await ApplyAsync("HEAD", options, cancellationToken));
    }

    public async Task<Release?> CurrentReleaseAsync(CancellationToken cancellationToken) => (await Applier.Releases.LatestAsync(cancellationToken)).Release;

    public async Task<ReleaseHistory> HistoryAsync(CancellationToken cancellationToken) =>
        new(await Applier.Releases.ListAsync(cancellationToken), await _state.ReadPinAsync(cancellationToken))
        {
            Failed = await Applier.Releases.ListFailedAsync(cancellationToken),
        };

    /// <summary>Live objects that differ from the latest release: what was changed by hand.</summary>
    public Task<IReadOnlyList<Change>> DriftAsync(CancellationToken cancellationToken) => Drift.DetectAsync(cancellationToken);

    /// <summary>
    /// What applying a commit would change in the store. When the latest release recorded what it
    /// verified, this starts from that release and reads only the files changed since its commit and the
    /// objects that moved since it, so its cost follows the change, not the repository.
    /// </summary>
    public async Task<IReadOnlyList<Change>> DiffAsync(string revision, CancellationToken cancellationToken)
    {
        if ((await Drift.Releases.LatestAsync(cancellationToken)).Release is { } latest)
        {
            var index = await Drift.Releases.GetObjectIndexAsync(latest.Number, cancellationToken);
            if (index.Verified is not null && CommitDelta.Between(Repository, latest.Commit, revision, index.Objects.Keys) is { } delta)
                return await Drift.PlanFromReleaseAsync(latest, index, Repository.Resolve(revision), delta, cancellationToken);
        }
        var desired = ApplyTarget.ForSync(Loader.Load(revision), null, Repository.Source);
        var live = await LiveObjects.ReadAsync(_client, null, cancellationToken);
        return Planner.Plan(desired.Commit.Sha, desired.Objects, live);
    }

    /// <summary>Where Git HEAD declares the object with this store key (its file and line), or null.</summary>
    public DesiredObject? DeclarationAtHead(string key) => Loader.Load().Objects.GetValueOrDefault(key);

    /// <summary>Every object a commit declares, charts and kustomizations rendered, in the order an apply writes them.</summary>
    public static IReadOnlyList<DesiredObject> Render(ManifestRepository repository, string revision) =>
        new DesiredStateLoader(repository).Load(revision).Objects.Values
            .OrderBy(declared => Kinds.For(declared.Object).ApplyOrder).ThenBy(declared => declared.Key, StringComparer.Ordinal).ToList();

    /// <summary>What moving from one commit to another changes; reads Git only, so it needs no store.</summary>
    public static IReadOnlyList<Change> DiffCommits(ManifestRepository repository, string from, string to)
    {
        var loader = new DesiredStateLoader(repository);
        var before = loader.Load(from).ObjectsByKey();
        var after = loader.Load(to);
        return Planner.Plan(after.Commit.Sha, after.ObjectsByKey(), before);
    }

    /// <summary>Which commit, author and file lines declared a live object, as of the current release (HEAD before any).</summary>
    public async Task<BlameResult> BlameAsync(KubeObject live, CancellationToken cancellationToken)
    {
        if (!Planner.IsManagedByGit(live))
            throw new NotFoundException($"a Git declaration of {Change.ObjectName(live)} (it is not managed from Git)");
        var (release, _) = await Applier.Releases.LatestAsync(cancellationToken);
        var commit = release?.Commit ?? "HEAD";
        var declared = Loader.Load(commit).Objects.GetValueOrDefault(ObjectKeys.For(live))
                       ?? throw new NotFoundException($"{Change.ObjectName(live)} in commit {ShortSha.Of(commit)}");
        return ObjectBlame.Blame(Repository, declared, commit);
    }

    /// <summary>Where the desired state comes from, Git HEAD, the current release, the pin, an interrupted apply and the drift.</summary>
    public Task<SyncReport> StatusAsync(CancellationToken cancellationToken) => SyncReport.ReadAsync(store, _client, cancellationToken);
}

public sealed record ReleaseHistory(IReadOnlyList<Release> Releases, SyncPin? Pin)
{
    /// <summary>The syncs a hook or a wave stopped; each carries the number it would have had, which the next release takes.</summary>
    public IReadOnlyList<Release> Failed { get; init; } = [];
}
