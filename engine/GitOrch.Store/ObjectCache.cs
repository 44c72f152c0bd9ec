using System.Collections.Concurrent;
using GitOrch.Api.Model;

namespace GitOrch.Store;

/// <summary>
/// A local copy of every object of one kind, spec and status merged, kept current by watching the
/// store: an informer. It lists first and then watches from the revisions it listed, so
/// <see cref="Ready"/> means the copy is complete, and every later change reaches
/// <see cref="Changed"/> as (key, before, after), with null for "absent". Handlers run on the watch's
/// thread, one change at a time, so they must be quick: put a key on a queue, update an index.
/// </summary>
public sealed class ObjectCache(ObjectClient client, KindInfo kind)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _starting = new();
    private readonly ConcurrentDictionary<string, CacheIndex> _indexes = new();
    private Task? _running;
    private long _seenRevision;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Entry(byte[]? Spec, long Revision, byte[]? Status, KubeObject? Object);

    public event Action<string, KubeObject?, KubeObject?>? Changed;

    public Task Ready => _ready.Task;

    public IEnumerable<KubeObject> Objects => _entries.Values.Select(entry => entry.Object).OfType<KubeObject>();

    public IEnumerable<string> Keys => _entries.Where(pair => pair.Value.Object is not null).Select(pair => pair.Key);

    public KubeObject? Get(string key) => _entries.TryGetValue(key, out var entry) ? entry.Object : null;

    /// <summary>
    /// Whether the cache has seen the store at or past the revision this object was written at. The
    /// watch delivers changes in revision order, so every earlier write is in the cache too.
    /// </summary>
    public bool Reflects(KubeObject written) =>
        Interlocked.Read(ref _seenRevision) >= ObjectClient.ParseRevision(written);

    /// <summary>
    /// Adds a named index, once however many callers ask: each object is filed under the values
    /// <paramref name="valuesOf"/> gives, and <see cref="ByIndex"/> finds them without a scan.
    /// </summary>
    public void AddIndex(string name, Func<KubeObject, IEnumerable<string>> valuesOf)
    {
        lock (_gate)
        {
            if (_indexes.ContainsKey(name)) return;
            var index = new CacheIndex(valuesOf);
            foreach (var (key, entry) in _entries) index.Update(key, null, entry.Object);
            _indexes[name] = index;
        }
    }

    public IEnumerable<KubeObject> ByIndex(string name, string value) =>
        _indexes[name].KeysFor(value).Select(Get).OfType<KubeObject>();

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, testing it after each change, or until the timeout:
    /// a controller waits this way for its own writes, and a cache that has fallen behind only delays it.
    /// </summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var changed = Volatile.Read(ref _changed).Task;
                if (condition()) return;
                await changed.WaitAsync(limit.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Starts the list and watch once, however many callers ask; the task ends when the watch does.</summary>
    public Task Start(CancellationToken cancellationToken)
    {
        lock (_starting)
            return _running ??= RunAsync(cancellationToken);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var prefix = ObjectKeys.Prefix(kind, null);
        var specs = await client.Store.ListAsync(Buckets.Objects, prefix, cancellationToken);
        var statuses = await client.Store.ListAsync(Buckets.Status, prefix, cancellationToken);
        foreach (var spec in specs) _entries[spec.Key] = new Entry(spec.Value, spec.Revision, null, null);
        foreach (var status in statuses) _entries.AddOrUpdate(status.Key, _ => new Entry(null, 0, status.Value, null), (_, entry) => entry with { Status = status.Value });
        lock (_gate)
            foreach (var (key, entry) in _entries)
            {
                _entries[key] = Decoded(entry);
                foreach (var index in _indexes.Values) index.Update(key, null, _entries[key].Object);
            }
        var listedRevision = specs.Select(e => e.Revision).DefaultIfEmpty(0).Max();
        Interlocked.Exchange(ref _seenRevision, listedRevision);
        _ready.TrySetResult();
        await Task.WhenAll(
            FollowAsync(Buckets.Objects, prefix, listedRevision, cancellationToken),
            FollowAsync(Buckets.Status, prefix, statuses.Select(e => e.Revision).DefaultIfEmpty(0).Max(), cancellationToken));
    }

    private async Task FollowAsync(string bucket, string prefix, long fromRevision, CancellationToken cancellationToken)
    {
        await foreach (var change in client.Store.WatchAsync(bucket, prefix, fromRevision, cancellationToken))
        {
            lock (_gate)
                Apply(bucket, change);
            if (bucket == Buckets.Objects) Interlocked.Exchange(ref _seenRevision, change.Revision);
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private void Apply(string bucket, WatchEvent change)
    {
        var before = Get(change.Key);
        var entry = _entries.GetValueOrDefault(change.Key) ?? new Entry(null, 0, null, null);
        var value = change.Type == WatchEventType.Put ? change.Value : null;
        if (bucket == Buckets.Objects && change.Revision <= entry.Revision) return;
        entry = bucket == Buckets.Objects ? entry with { Spec = value, Revision = change.Revision } : entry with { Status = value };
        entry = Decoded(entry);
        if (entry.Spec is null && entry.Status is null) _entries.TryRemove(change.Key, out _);
        else _entries[change.Key] = entry;
        if (ReferenceEquals(before, entry.Object)) return;
        foreach (var index in _indexes.Values) index.Update(change.Key, before, entry.Object);
        Changed?.Invoke(change.Key, before, entry.Object);
    }

    private static Entry Decoded(Entry entry) =>
        entry with { Object = entry.Spec is null ? null : ObjectClient.Decode(entry.Spec, entry.Revision, entry.Status) };
}
