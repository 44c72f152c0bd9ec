using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Releases;

namespace GitOrch.Engine.Sync;

/// <summary>
/// Drift is what the store holds that the latest release did not write: a hand-edited spec, a deleted
/// object. It is exactly the plan that would restore the release, so self-heal is writing that plan.
/// </summary>
public sealed class DriftDetector(ObjectClient client)
{
    private readonly ReleaseStore _releases = new(client.Store);
    private readonly EventRecorder _events = new(client, "gitorch-sync");
    private readonly ChangeWriter _writer = new(client);

    public ReleaseStore Releases => _releases;

    /// <summary>The changes that would restore the latest release; empty when nothing drifted or nothing was applied.</summary>
    public async Task<IReadOnlyList<Change>> DetectAsync(CancellationToken cancellationToken)
    {
        var (latest, _) = await _releases.LatestAsync(cancellationToken);
        if (latest is null) return [];
        return await PlanFromReleaseAsync(latest, await _releases.GetObjectIndexAsync(latest.Number, cancellationToken), latest.Commit,
            new Dictionary<string, KubeObject?>(), cancellationToken);
    }

    /// <summary>
    /// Plans a release's objects, with <paramref name="overrides"/> put over them (null: no longer declared),
    /// against the store. When the release recorded which revisions it verified, only the objects that
    /// moved since and the overridden keys are read and compared.
    /// </summary>
    public async Task<IReadOnlyList<Change>> PlanFromReleaseAsync(Release release, ReleaseObjects index, string commit,
        IReadOnlyDictionary<string, KubeObject?> overrides, CancellationToken cancellationToken)
    {
        HashSet<string>? keys = null;
        if (index.Verified is { } verified)
        {
            keys = VerifiedRevisions.Moved(verified, await LiveObjects.ReadRevisionsAsync(client.Store, cancellationToken), index.Objects.Keys);
            keys.UnionWith(overrides.Keys);
        }
        var released = keys is null ? index : new ReleaseObjects(index.Objects.Where(pair => keys.Contains(pair.Key) && !overrides.ContainsKey(pair.Key)).ToDictionary());
        var desired = await _releases.ReadObjectsAsync(released, cancellationToken);
        foreach (var (key, declared) in overrides)
            if (declared is null) desired.Remove(key);
            else desired[key] = declared;
        var live = await LiveObjects.ReadAsync(client, keys, cancellationToken);
        return Planner.Plan(commit, desired, live, keys);
    }

    /// <summary>Restores each drifted object, compare-and-swap on what was read, and records an event for it.</summary>
    public async Task<IReadOnlyList<Change>> HealAsync(CancellationToken cancellationToken)
    {
        var drift = await DetectAsync(cancellationToken);
        foreach (var change in drift)
        {
            var written = await _writer.WriteAsync(change, cancellationToken);
            await _events.RecordAsync(written, EventTypes.Warning, "DriftHealed",
                $"the live object differed from Git; self-heal did: {change.Describe()}", cancellationToken);
        }
        return drift;
    }
}
