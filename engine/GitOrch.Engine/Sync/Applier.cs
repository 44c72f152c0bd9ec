using GitOrch.Api.Model;
using GitOrch.Engine.Releases;
using GitOrch.Store;
using GitOrch.Engine.Planning;

namespace GitOrch.Engine.Sync;

/// <summary>
/// Makes the store match a target and records it as a release. The target is fully loaded and validated
/// before this runs, so a bad commit writes nothing. A journal in meta makes an interrupted apply finish
/// on the next one, and makes one of two concurrent applies fail with a conflict.
/// </summary>
public sealed class Applier(ObjectClient client)
{
    private const int WriteAttempts = 3;
    private readonly ReleaseStore _releases = new(client.Store);
    private readonly ApplyJournal _journal = new(client.Store);
    private readonly ChangeWriter _writer = new(client);
    private readonly SyncState _sync = new(client.Store);
    private readonly ClusterIPAllocations _clusterIPs = new(client);
    private readonly QuotaPlanCheck _quotas = new(client);
    private readonly EventRecorder _events = new(client, "gitorch-sync");

    public ReleaseStore Releases => _releases;

    public async Task<ApplyResult> ApplyAsync(ApplyTarget target, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        var recovered = options.DryRun ? null : await RecoverAsync(cancellationToken);
        var (last, lastRevision) = await _releases.LatestAsync(cancellationToken);
        var scoped = target.ChangedKeys is not null && target.BaseCommit is not null && target.BaseCommit == last?.Commit;
        var live = await LiveObjects.ReadAsync(client, scoped ? target.ChangedKeys!.ToList() : null, cancellationToken);
        var keys = scoped ? target.ChangedKeys! : Planner.AllKeys(target.Objects, live);
        var changes = Planner.Plan(target.Commit.Sha, target.Objects, live, keys);
        if ((await _clusterIPs.WhyRefusedAsync(changes, cancellationToken) ?? await _quotas.WhyRefusedAsync(changes, cancellationToken)) is { } refusal)
            throw new PlanRefusedException($"commit {target.Commit.ShortSha}: {refusal}; nothing was applied");
        var (newestKey, planRevision) = LiveObjects.Newest(live);
        if (options.CheckRevision is { } expected && planRevision > expected)
            throw new ConflictException(Buckets.Objects, newestKey, $"the store moved past revision {expected} (now {planRevision}); plan again");
        var isNewRelease = changes.Count > 0 || last?.Commit != target.Commit.Sha || target.Reason != Release.SyncReason;
        if (options.DryRun || !isNewRelease)
            return new ApplyResult(target.Commit, changes, planRevision, null, recovered) { Warnings = target.Warnings };

        var previousIndex = last is null ? new ReleaseObjects([]) : await _releases.GetObjectIndexAsync(last.Number, cancellationToken);
        var index = await _releases.SaveObjectsAsync(target.Objects, previousIndex, cancellationToken);
        var release = new Release((last?.Number ?? 0) + 1, target.Commit.Sha, target.Commit.Author, target.Commit.Message,
            target.Commit.Time, DateTimeOffset.UtcNow, target.Reason, changes.Select(change => change.Describe()).ToList(), target.Source);
        var entry = new JournalEntry(release, index, ApplyJournal.NewOwner());
        var journalRevision = await _journal.BeginAsync(entry, cancellationToken);
        try
        {
            if (await ReasonToGiveUpAsync(target, lastRevision, cancellationToken) is { } conflict)
            {
                await _journal.EndAsync(entry, journalRevision, cancellationToken);
                throw conflict;
            }
            if (target.Pin is { } pin)
                await _sync.PinAsync(pin, cancellationToken);
            await _clusterIPs.HandOverAsync(changes, cancellationToken);
            var written = await WriteInPhasesAsync(target, changes, keys, entry, journalRevision, options, cancellationToken);
            var verified = VerifiedRevisions.After(scoped ? previousIndex.Verified : [], scoped ? target.ChangedKeys! : live.Keys, live, written);
            await _releases.RecordAsync(release, index with { Verified = verified }, cancellationToken);
            await _journal.EndAsync(entry, journalRevision, cancellationToken);
        }
        finally
        {
            ApplyJournal.Forget(entry.Owner);
        }
        return new ApplyResult(target.Commit, changes, planRevision, release, recovered) { Warnings = target.Warnings };
    }

    /// <summary>
    /// Checked once the journal is held, so nothing can change in between: another release recorded
    /// since this one planned, or a pin that this auto-sync must respect.
    /// </summary>
    private async Task<ConflictException?> ReasonToGiveUpAsync(ApplyTarget target, long lastRevision, CancellationToken cancellationToken)
    {
        if ((await _releases.LatestAsync(cancellationToken)).Revision != lastRevision)
            return new ConflictException(Buckets.Meta, ApplyJournal.Key, "another apply recorded a release while this one was planning; plan again");
        if (target.YieldsToPin && await _sync.ReadPinAsync(cancellationToken) is { } pin && pin.GitHead == target.Commit.Sha)
            return new ConflictException(Buckets.Meta, SyncState.PinKey, $"auto-sync is pinned at release {pin.Release} by a rollback");
        return null;
    }

    /// <summary>Finishes the release of an apply whose process died; fails if a live apply holds the journal.</summary>
    private async Task<Release?> RecoverAsync(CancellationToken cancellationToken)
    {
        if (await _journal.ReadAsync(cancellationToken) is not var (held, heldRevision))
            return null;
        if (!ApplyJournal.IsAbandoned(held.Owner))
            throw new ConflictException(Buckets.Meta, ApplyJournal.Key, ApplyJournal.Describe(held));
        var (entry, revision) = await _journal.TakeOverAsync(held, heldRevision, ApplyJournal.NewOwner(), cancellationToken);
        try
        {
            var objects = await _releases.ReadObjectsAsync(entry.Objects, cancellationToken);
            var live = await LiveObjects.ReadAsync(client, null, cancellationToken);
            var keys = Planner.AllKeys(objects, live).ToList();
            var written = await WriteAsync(entry.Release.Commit, objects, Planner.Plan(entry.Release.Commit, objects, live, keys), keys, cancellationToken);
            await _releases.RecordAsync(entry.Release, entry.Objects with { Verified = VerifiedRevisions.After([], live.Keys, live, written) }, cancellationToken);
            await _journal.EndAsync(entry, revision, cancellationToken);
            return entry.Release;
        }
        finally
        {
            ApplyJournal.Forget(entry.Owner);
        }
    }

    /// <summary>
    /// PreSync hooks, then the changes wave by wave, each wave healthy before the next, then Sync and
    /// PostSync hooks. A failure ends the journal, is recorded as a failed release (which never becomes
    /// the latest), runs the SyncFail hooks and is rethrown. A plan of one wave and no hooks is written as it always was, with no waiting.
    /// </summary>
    private async Task<List<KeyValuePair<string, long?>>> WriteInPhasesAsync(ApplyTarget target, IReadOnlyList<Change> changes, IEnumerable<string> keys,
        JournalEntry entry, long journalRevision, ApplyOptions options, CancellationToken cancellationToken)
    {
        var waves = SyncWaves.Split(changes);
        if (waves.Count <= 1 && target.Hooks.Count == 0)
            return await WriteAsync(target.Commit.Sha, target.Objects, changes, keys, cancellationToken);
        var gate = new HealthGate(client, options.HealthTimeout ?? HealthGate.DefaultTimeout);
        var hooks = new HookRunner(client, gate, _events);
        var commit = target.Commit.Sha;
        try
        {
            await hooks.RunAsync(HookPhase.PreSync, target.Hooks, commit, cancellationToken);
            var written = new List<KeyValuePair<string, long?>>();
            var waitAfterLast = target.Hooks.Any(hook => SyncHooks.PhaseOf(hook) is HookPhase.Sync or HookPhase.PostSync);
            for (var i = 0; i < waves.Count; i++)
            {
                var wave = waves[i];
                written.AddRange(await WriteAsync(commit, target.Objects, wave, wave.Select(change => change.Key).ToList(), cancellationToken));
                if (wave[0].Action == ChangeAction.Delete || (i == waves.Count - 1 && !waitAfterLast)) continue;
                var name = $"wave {SyncWaves.WaveOf(wave[0].Object)}";
                await gate.WaitAsync(name, wave.Select(change => change.Object).ToList(), cancellationToken);
                foreach (var change in wave)
                    await _events.RecordAsync(change.Object, EventTypes.Normal, "SyncWaveHealthy", $"{name} of commit {target.Commit.ShortSha} is healthy", cancellationToken);
            }
            await hooks.RunAsync(HookPhase.Sync, target.Hooks, commit, cancellationToken);
            await hooks.RunAsync(HookPhase.PostSync, target.Hooks, commit, cancellationToken);
            return written;
        }
        catch (SyncPhaseFailedException e)
        {
            await _journal.EndAsync(entry, journalRevision, cancellationToken);
            await _releases.RecordFailedAsync(entry.Release with { AppliedAt = DateTimeOffset.UtcNow, Failure = e.Message }, cancellationToken);
            await RunSyncFailHooksAsync(hooks, target, cancellationToken);
            throw;
        }
    }

    /// <summary>The sync already failed; a failing SyncFail hook is recorded as its own event and does not hide that failure.</summary>
    private static async Task RunSyncFailHooksAsync(HookRunner hooks, ApplyTarget target, CancellationToken cancellationToken)
    {
        try
        {
            await hooks.RunAsync(HookPhase.SyncFail, target.Hooks, target.Commit.Sha, cancellationToken);
        }
        catch (SyncPhaseFailedException)
        {
        }
    }

    /// <summary>Writes the changes; when someone else moved an object meanwhile, plans those keys again and retries.</summary>
    /// <returns>In order, the revision at which each key was last written or read while planning again; null when it was deleted or gone.</returns>
    private async Task<List<KeyValuePair<string, long?>>> WriteAsync(string commit, IReadOnlyDictionary<string, KubeObject> objects, IReadOnlyList<Change> changes,
        IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var revisions = new List<KeyValuePair<string, long?>>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                foreach (var change in changes)
                {
                    var written = await _writer.WriteAsync(change, cancellationToken);
                    revisions.Add(new(change.Key, change.Action == ChangeAction.Delete ? null : ObjectClient.ParseRevision(written)));
                    CrashPoint.AfterWrite(revisions.Count);
                }
                return revisions;
            }
            catch (ConflictException) when (attempt < WriteAttempts)
            {
                var scope = keys.ToList();
                var live = await LiveObjects.ReadAsync(client, scope, cancellationToken);
                revisions.AddRange(scope.Select(key => new KeyValuePair<string, long?>(key, live.TryGetValue(key, out var current) ? ObjectClient.ParseRevision(current) : null)));
                changes = Planner.Plan(commit, objects, live, scope);
            }
        }
    }
}
