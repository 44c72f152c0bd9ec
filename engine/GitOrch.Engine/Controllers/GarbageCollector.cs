using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Deletes objects whose owners are gone: the ReplicaSets of a deleted Deployment, then their pods,
/// and the Endpoints of a deleted Service. Works a namespace at a time when an owner is deleted.
/// </summary>
public sealed class GarbageCollector(ObjectClient client, ILogger<GarbageCollector> logger)
{
    private static readonly KindInfo[] Owners = [Kinds.Deployment, Kinds.ReplicaSet, Kinds.Service];
    private static readonly KindInfo[] Dependents = [Kinds.ReplicaSet, Kinds.Pod, Kinds.Endpoints];
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly WorkQueue _namespaces = new();

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var tasks = Owners.Select(kind => WatchDeletesAsync(kind, cancellationToken)).ToList();
        tasks.Add(SweepPeriodicallyAsync(cancellationToken));
        tasks.Add(WorkAsync(cancellationToken));
        return Task.WhenAll(tasks);
    }

    private async Task WatchDeletesAsync(KindInfo kind, CancellationToken cancellationToken)
    {
        await foreach (var change in client.Store.WatchAsync(Buckets.Objects, ObjectKeys.Prefix(kind, null), 0, cancellationToken))
            if (change.Type == WatchEventType.Delete)
                _namespaces.Add(ObjectClient.ParseKey(change.Key).Namespace);
    }

    private async Task SweepPeriodicallyAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(SweepInterval, cancellationToken);
            foreach (var pod in await client.Store.ListAsync(Buckets.Objects, ObjectKeys.Prefix(Kinds.Pod, null), cancellationToken))
                _namespaces.Add(ObjectClient.ParseKey(pod.Key).Namespace);
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var ns = await _namespaces.TakeAsync(cancellationToken);
            try
            {
                var deleted = await SweepAsync(ns, cancellationToken);
                if (deleted > 0) _namespaces.Add(ns); // a deleted ReplicaSet may leave orphaned pods behind
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Garbage collection in {Namespace} failed, retrying: {Error}", ns, e.Message);
                _namespaces.AddAfter(ns, TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private async Task<int> SweepAsync(string ns, CancellationToken cancellationToken)
    {
        // Dependents are listed before owners, so an owner created in between is never missed.
        var dependents = new List<KubeObject>();
        foreach (var kind in Dependents)
            dependents.AddRange((await client.ListAsync(kind, ns, cancellationToken: cancellationToken))
                .Where(obj => obj.Metadata.OwnerReferences is { Count: > 0 }));
        var liveOwners = new HashSet<string>();
        foreach (var kind in Owners)
            foreach (var owner in await client.ListAsync(kind, ns, cancellationToken: cancellationToken))
                liveOwners.Add(owner.Metadata.Uid ?? "");

        var deleted = 0;
        foreach (var orphan in dependents.Where(obj => obj.Metadata.OwnerReferences!.All(owner => !liveOwners.Contains(owner.Uid))))
        {
            await client.DeleteAsync(orphan, cancellationToken);
            logger.LogInformation("Deleted {Kind} {Namespace}/{Name}: its owner is gone", orphan.Kind, ns, orphan.Name);
            deleted++;
        }
        return deleted;
    }
}
