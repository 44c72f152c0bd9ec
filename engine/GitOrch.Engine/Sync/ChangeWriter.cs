using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Engine.Planning;

namespace GitOrch.Engine.Sync;

/// <summary>Writes one planned change, compare-and-swap on the live object the plan read.</summary>
public sealed class ChangeWriter(ObjectClient client)
{
    /// <returns>The object as written; for a delete, the object that was deleted.</returns>
    public async Task<KubeObject> WriteAsync(Change change, CancellationToken cancellationToken)
    {
        switch (change.Action)
        {
            case ChangeAction.Create:
                return await client.CreateAsync(change.Object, cancellationToken);
            case ChangeAction.Update:
                return await client.UpdateAsync(WithLiveIdentity(change.Object, change.Live!), cancellationToken);
            default:
                await client.DeleteAsync(change.Live!, cancellationToken);
                return change.Live!;
        }
    }

    /// <summary>
    /// Carries the live object's server-set fields, so the update is a CAS on what was planned, and its
    /// operational annotations (a paused rollout stays paused).
    /// </summary>
    private static KubeObject WithLiveIdentity(KubeObject desired, KubeObject live) => desired with
    {
        Metadata = desired.Metadata with
        {
            Uid = live.Metadata.Uid,
            ResourceVersion = live.Metadata.ResourceVersion,
            Generation = live.Metadata.Generation,
            CreationTimestamp = live.Metadata.CreationTimestamp,
            Annotations = WithOperationalAnnotations(desired.Metadata.Annotations, live),
        },
    };

    private static Dictionary<string, string>? WithOperationalAnnotations(Dictionary<string, string>? desired, KubeObject live)
    {
        var kept = WellKnown.OperationalAnnotations.Where(key => live.Annotation(key) is not null).ToList();
        if (kept.Count == 0) return desired;
        var annotations = new Dictionary<string, string>(desired ?? []);
        foreach (var key in kept) annotations[key] = live.Annotation(key)!;
        return annotations;
    }
}
