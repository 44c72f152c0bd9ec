using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Engine.Planning;

namespace GitOrch.Engine.Sync;

/// <summary>Writes one planned change, compare-and-swap on the live object the plan read; a Service gets its cluster IP on the way.</summary>
public sealed class ChangeWriter(ObjectClient client)
{
    private readonly ClusterIPAllocations _clusterIPs = new(client);

    /// <returns>The object as written; for a delete, the object that was deleted.</returns>
    public async Task<KubeObject> WriteAsync(Change change, CancellationToken cancellationToken)
    {
        switch (change.Action)
        {
            case ChangeAction.Create:
                return await client.CreateAsync(await WithClusterIPAsync(change.Object, null, cancellationToken), cancellationToken);
            case ChangeAction.Update:
                var written = await client.UpdateAsync(WithLiveIdentity(await WithClusterIPAsync(change.Object, change.Live, cancellationToken), change.Live!), cancellationToken);
                if (change.Live is Service before && written is Service after && before.Spec.ClusterIP != after.Spec.ClusterIP)
                    await _clusterIPs.ReleaseAsync(before, cancellationToken);
                return written;
            default:
                await client.DeleteAsync(change.Live!, cancellationToken);
                if (change.Live is Service gone) await _clusterIPs.ReleaseAsync(gone, cancellationToken);
                return change.Live!;
        }
    }

    private async Task<KubeObject> WithClusterIPAsync(KubeObject desired, KubeObject? live, CancellationToken cancellationToken) =>
        desired is Service service ? await _clusterIPs.AssignAsync(service, live as Service, cancellationToken) : desired;

    /// <summary>
    /// Carries the live object's server-set fields, so the update is a CAS on what was planned, its
    /// operational annotations (a paused rollout stays paused) and the fields the cluster assigned (a bound claim stays bound).
    /// </summary>
    private static KubeObject WithLiveIdentity(KubeObject desired, KubeObject live) => ClusterAssignedFields.Carry(desired, live) with
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
