using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Background cascading delete: an object whose every owner (by uid) is gone is deleted, so deleting
/// a Deployment takes its ReplicaSets and then their pods, a CronJob its Jobs and theirs, and a Service
/// its Endpoints. It works a namespace at a time, woken by owner deletions and by a periodic sweep.
/// </summary>
public sealed class GarbageCollector(ControllerContext context)
{
    private static readonly KindInfo[] Owners = [Kinds.Deployment, Kinds.ReplicaSet, Kinds.ReplicationController, Kinds.StatefulSet, Kinds.DaemonSet, Kinds.Job, Kinds.CronJob, Kinds.Service];
    private static readonly KindInfo[] Dependents = [Kinds.ReplicaSet, Kinds.Job, Kinds.Pod, Kinds.Endpoints];

    private readonly ILogger _logger = context.Loggers.CreateLogger<GarbageCollector>();
    private readonly WorkQueue _namespaces = new(context.Clock);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var kind in Owners)
            context.Informers.For(kind).Changed += (key, before, after) =>
            {
                if (before is not null && after is null) _namespaces.Add(ObjectKeys.Parse(key).Namespace);
            };
        var watches = await context.Informers.WaitForSyncAsync(Owners, cancellationToken);
        await Task.WhenAll(watches, SweepPeriodicallyAsync(cancellationToken), _namespaces.ProcessAsync(ns => CollectAsync(ns, cancellationToken), cancellationToken));
    }

    private async Task SweepPeriodicallyAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(context.Options.ResyncInterval, context.Clock, cancellationToken);
            foreach (var pod in await context.Client.Store.ListAsync(Buckets.Objects, ObjectKeys.Prefix(Kinds.Pod, null), cancellationToken))
                _namespaces.Add(ObjectKeys.Parse(pod.Key).Namespace);
        }
    }

    private async Task CollectAsync(string ns, CancellationToken cancellationToken)
    {
        try
        {
            // A deleted ReplicaSet may leave orphaned pods behind: sweep again until nothing is deleted.
            if (await SweepAsync(ns, cancellationToken) > 0) _namespaces.Add(ns);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("Garbage collection in {Namespace} failed, retrying: {Error}", ns, e.Message);
            _namespaces.AddAfter(ns, TimeSpan.FromSeconds(1));
        }
    }

    public async Task<int> SweepAsync(string ns, CancellationToken cancellationToken)
    {
        // Dependents are listed before owners, so an owner created in between is never missed.
        var dependents = new List<KubeObject>();
        foreach (var kind in Dependents)
            dependents.AddRange((await context.Client.ListAsync(kind, ns, cancellationToken: cancellationToken))
                .Where(obj => obj.Metadata.OwnerReferences is { Count: > 0 }));
        var liveOwners = new HashSet<string>();
        foreach (var kind in Owners)
            foreach (var owner in await context.Client.ListAsync(kind, ns, cancellationToken: cancellationToken))
                liveOwners.Add(owner.Metadata.Uid ?? "");

        var deleted = 0;
        foreach (var orphan in dependents.Where(obj => obj.Metadata.OwnerReferences!.All(owner => !liveOwners.Contains(owner.Uid))))
        {
            await context.Client.DeleteAsync(orphan, cancellationToken);
            _logger.LogInformation("Deleted {Kind} {Namespace}/{Name}: its owner is gone", orphan.Kind, ns, orphan.Name);
            deleted++;
        }
        return deleted;
    }
}
