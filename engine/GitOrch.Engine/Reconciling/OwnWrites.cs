using System.Collections.Concurrent;
using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Engine.Reconciling;

/// <summary>
/// What one reconcile wrote to objects of one cached kind. Before the reconcile ends it waits until the
/// cache reflects those writes, so the next reconcile, which reads the cache, sees them: a ReplicaSet
/// never creates a pod twice because the cache had not yet seen the first. This plays the part of
/// controller-runtime's expectations with no counts to keep.
/// </summary>
public sealed class OwnWrites(ObjectClient client, ObjectCache cache)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly ConcurrentBag<string> _deleted = [];

    /// <summary>The write with the highest revision: the cache sees changes in revision order, so it has every write once it has this one.</summary>
    private KubeObject? _latest;

    public async Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken) where T : KubeObject =>
        Wrote(await client.CreateAsync(obj, cancellationToken));

    public async Task<T> UpdateAsync<T>(T obj, T previous, CancellationToken cancellationToken) where T : KubeObject =>
        Wrote(await client.UpdateAsync(obj, previous, cancellationToken));

    public async Task DeleteAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        await client.DeleteAsync(obj, cancellationToken);
        _deleted.Add(ObjectKeys.For(obj));
    }

    /// <summary>Waits until the cache holds every write made through this record.</summary>
    public Task SeenAsync(CancellationToken cancellationToken) =>
        cache.WaitUntilAsync(() => (_latest is not { } latest || cache.Reflects(latest)) && _deleted.All(key => cache.Get(key) is null), LongestWait, cancellationToken);

    private T Wrote<T>(T written) where T : KubeObject
    {
        lock (_gate)
            if (_latest is null || ObjectClient.ParseRevision(written) > ObjectClient.ParseRevision(_latest))
                _latest = written;
        return written;
    }
}
