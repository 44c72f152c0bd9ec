using GitOrch.Api.Model;
using GitOrch.Engine.Git;
using GitOrch.Store;

namespace GitOrch.Engine.Planning;

/// <summary>What one apply did (or, on a dry run, would do).</summary>
public sealed record ApplyResult(string Commit, IReadOnlyList<Change> Changes);

/// <summary>
/// Makes the store match a commit. Every manifest is loaded and validated before the first write, so a
/// bad file applies nothing. Writes are compare-and-swap against what was planned.
/// </summary>
public sealed class Applier(ObjectClient client)
{
    public async Task<ApplyResult> ApplyAsync(CommitManifests manifests, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var live = new List<KubeObject>();
        foreach (var kind in Kinds.All)
            live.AddRange(await client.ListAsync(kind, cancellationToken: cancellationToken));
        var changes = Planner.Plan(manifests.Commit, manifests.Objects, live);
        if (dryRun) return new ApplyResult(manifests.Commit, changes);

        foreach (var change in changes)
            await WriteAsync(change, cancellationToken);
        await SyncState.RecordAppliedAsync(client.Store, manifests, cancellationToken);
        return new ApplyResult(manifests.Commit, changes);
    }

    private Task WriteAsync(Change change, CancellationToken cancellationToken) => change.Action switch
    {
        ChangeAction.Create => client.CreateAsync(change.Object, cancellationToken),
        ChangeAction.Update => client.UpdateAsync(WithLiveIdentity(change.Object, change.Live!), cancellationToken),
        _ => client.DeleteAsync(change.Live!, cancellationToken),
    };

    /// <summary>Carries the live object's server-set fields, so the update is a CAS on what was planned.</summary>
    private static KubeObject WithLiveIdentity(KubeObject desired, KubeObject live) => desired with
    {
        Metadata = desired.Metadata with
        {
            Uid = live.Metadata.Uid,
            ResourceVersion = live.Metadata.ResourceVersion,
            Generation = live.Metadata.Generation,
            CreationTimestamp = live.Metadata.CreationTimestamp,
        },
    };
}
