using System.Collections.Concurrent;
using GitOrch.Store;

namespace GitOrch.TestSupport;

/// <summary>
/// One watch of the objects bucket from revision 0 that records each key's revisions, and is never
/// restarted: what it records is what a cache built on the store's watch would have seen.
/// </summary>
public sealed class RecordingWatch : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, List<long>> _revisions = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _following;

    private RecordingWatch(IObjectStore store, string prefix) => _following = Task.Run(() => FollowAsync(store, prefix));

    /// <summary>Starts watching on a store connection of its own, which it closes when disposed.</summary>
    public static RecordingWatch Start(IObjectStore store, string prefix) => new(store, prefix);

    /// <summary>What ended the watch early, or null while it runs.</summary>
    public Exception? Failure { get; private set; }

    public long LastRevision(string key)
    {
        if (!_revisions.TryGetValue(key, out var seen)) return 0;
        lock (seen) return seen.LastOrDefault();
    }

    /// <summary>Keys whose revisions arrived out of order or more than once.</summary>
    public IReadOnlyList<string> KeysOutOfOrder() =>
        [.. _revisions.Where(pair => { lock (pair.Value) return !pair.Value.Order().Distinct().SequenceEqual(pair.Value); }).Select(pair => pair.Key)];

    public int EventCount => _revisions.Values.Sum(seen => { lock (seen) return seen.Count; });

    private async Task FollowAsync(IObjectStore store, string prefix)
    {
        await using var _ = store;
        try
        {
            await foreach (var change in store.WatchAsync(Buckets.Objects, prefix, 0, _stop.Token))
            {
                var seen = _revisions.GetOrAdd(change.Key, _ => []);
                lock (seen) seen.Add(change.Revision);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Failure = e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _following;
        _stop.Dispose();
    }
}
