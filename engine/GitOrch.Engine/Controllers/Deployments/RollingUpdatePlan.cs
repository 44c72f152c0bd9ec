namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>A ReplicaSet as the rolling update sees it: its replica count and how many of its pods are available.</summary>
public sealed record ReplicaSetScale(string Name, int Replicas, int Available);

/// <summary>
/// One step of a rolling update, as a pure function. The new set grows while all pods stay within
/// desired + maxSurge; old sets shrink, unhealthy pods first, while available pods stay at or above
/// desired − maxUnavailable. Repeated as pods become available, it walks the whole rollout.
/// </summary>
public static class RollingUpdatePlan
{
    /// <param name="oldSets">Oldest first: the oldest shrink first.</param>
    /// <returns>The new set's replicas, and each old set's, in the order given.</returns>
    public static (int NewReplicas, int[] OldReplicas) Step(int desired, int maxSurge, int maxUnavailable, ReplicaSetScale newSet, IReadOnlyList<ReplicaSetScale> oldSets)
    {
        if (maxSurge == 0 && maxUnavailable == 0) maxUnavailable = 1;
        var oldReplicas = oldSets.Select(set => set.Replicas).ToArray();
        var newReplicas = ScaleUp(desired, maxSurge, newSet.Replicas, oldReplicas.Sum());

        var minAvailable = desired - maxUnavailable;
        var newUnavailable = Math.Max(0, newReplicas - newSet.Available);
        var budget = newReplicas + oldReplicas.Sum() - minAvailable - newUnavailable;
        if (budget <= 0) return (newReplicas, oldReplicas);

        // Pods that are not available cost no availability to remove.
        for (var i = 0; i < oldSets.Count && budget > 0; i++)
        {
            var unhealthy = oldReplicas[i] - Math.Min(oldSets[i].Available, oldReplicas[i]);
            var removed = Math.Min(budget, unhealthy);
            oldReplicas[i] -= removed;
            budget -= removed;
        }
        var available = Math.Min(newSet.Available, newReplicas) + oldSets.Select((set, i) => Math.Min(set.Available, oldReplicas[i])).Sum();
        var spare = available - minAvailable;
        for (var i = 0; i < oldSets.Count && spare > 0; i++)
        {
            var removed = Math.Min(spare, oldReplicas[i]);
            oldReplicas[i] -= removed;
            spare -= removed;
        }
        return (newReplicas, oldReplicas);
    }

    private static int ScaleUp(int desired, int maxSurge, int current, int oldTotal)
    {
        if (current >= desired) return desired;
        var room = desired + maxSurge - (current + oldTotal);
        return room <= 0 ? current : current + Math.Min(room, desired - current);
    }
}
