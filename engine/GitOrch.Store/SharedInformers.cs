using System.Collections.Concurrent;
using GitOrch.Api.Model;

namespace GitOrch.Store;

/// <summary>
/// One <see cref="ObjectCache"/> per kind for a whole process, as controller-runtime's shared cache: every
/// controller, the scheduler and the service proxy that ask for a kind get the same cache, so the
/// process holds one watch per kind however many parts follow it. A kind's watch starts with the first
/// <see cref="WaitForSyncAsync"/> that names it, and runs until that caller's cancellation token; the
/// parts of one process all run until the same one.
/// </summary>
public sealed class SharedInformers(ObjectClient client)
{
    private readonly ConcurrentDictionary<string, ObjectCache> _caches = new();

    /// <summary>The kind's cache: subscribe to its changes, then start it with <see cref="WaitForSyncAsync"/>.</summary>
    public ObjectCache For(KindInfo kind) => _caches.GetOrAdd(kind.Resource, _ => new ObjectCache(client, kind));

    /// <summary>
    /// Waits until every named kind's cache holds the whole list. Returns their watches, which fault when
    /// one fails, so the caller can fail with it.
    /// </summary>
    public async Task<Task> WaitForSyncAsync(IEnumerable<KindInfo> kinds, CancellationToken cancellationToken)
    {
        var caches = kinds.Select(For).ToList();
        var running = Task.WhenAll(caches.Select(cache => cache.Start(cancellationToken)));
        await Task.WhenAny(Task.WhenAll(caches.Select(cache => cache.Ready)), running);
        if (running.IsCompleted) await running;
        return running;
    }

    /// <summary>How many kinds are being watched: one watch of specs and one of status each.</summary>
    public int Count => _caches.Count;
}
