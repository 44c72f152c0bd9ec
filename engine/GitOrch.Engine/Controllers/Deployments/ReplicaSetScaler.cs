using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>Sets a Deployment's ReplicaSet to a replica count and records a ScalingReplicaSet event when it changes.</summary>
public sealed class ReplicaSetScaler(ObjectClient client, EventRecorder events)
{
    /// <returns>Whether the count changed.</returns>
    public async Task<bool> ScaleAsync(Deployment deployment, ReplicaSet set, int replicas, CancellationToken cancellationToken)
    {
        if ((set.Spec.Replicas ?? 0) == replicas) return false;
        var verb = replicas > (set.Spec.Replicas ?? 0) ? "up" : "down";
        await client.UpdateAsync(set with { Spec = set.Spec with { Replicas = replicas } }, set, cancellationToken);
        await events.RecordAsync(deployment, EventTypes.Normal, "ScalingReplicaSet", $"Scaled {verb} replicaset {set.Name} from {set.Spec.Replicas ?? 0} to {replicas}", cancellationToken);
        return true;
    }

    /// <summary>
    /// Scales a release's sets together: the current one to <paramref name="currentReplicas"/>, the stable
    /// one (while a release is under way) to <paramref name="stableReplicas"/>, and every other to none.
    /// </summary>
    /// <returns>Whether any count changed.</returns>
    public async Task<bool> ScaleReleaseAsync(RolloutState state, int currentReplicas, int stableReplicas, CancellationToken cancellationToken)
    {
        var changed = await ScaleAsync(state.Deployment, state.Current, currentReplicas, cancellationToken);
        if (state.IsReleasing)
            changed |= await ScaleAsync(state.Deployment, state.Stable!, stableReplicas, cancellationToken);
        foreach (var set in state.Others)
            changed |= await ScaleAsync(state.Deployment, set, 0, cancellationToken);
        return changed;
    }
}
