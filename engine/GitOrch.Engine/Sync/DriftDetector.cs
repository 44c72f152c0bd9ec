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

    /// <summary>The changes that would restore the latest release; empty when nothing drifted or nothing was applied.</summary>
    public async Task<IReadOnlyList<Change>> DetectAsync(CancellationToken cancellationToken)
    {
        var (latest, _) = await _releases.LatestAsync(cancellationToken);
        if (latest is null) return [];
        var desired = await _releases.ReadReleaseObjectsAsync(latest.Number, cancellationToken);
        var live = await LiveObjects.ReadAsync(client, null, cancellationToken);
        return Planner.Plan(latest.Commit, desired, live);
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
