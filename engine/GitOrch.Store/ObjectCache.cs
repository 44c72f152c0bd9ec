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
    private Task? _running;

    private sealed record Entry(byte[]? Spec, long Revision, byte[]? Status, KubeObject? Object);

    public event Action<string, KubeObject?, KubeObject?>? Changed;

    public Task Ready => _ready.Task;

    public IEnumerable<KubeObject> Objects => _entries.Values.Select(entry => entry.Object).OfType<KubeObject>();

    public IEnumerable<string> Keys => _entries.Where(pair => pair.Value.Object is not null).Select(pair => pair.Key);

    public KubeObject? Get(string key) => _entries.TryGetValue(key, out var entry) ? entry.Object : null;

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
        foreach (var (key, entry) in _entries) _entries[key] = Decoded(entry);
        _ready.TrySetResult();
        await Task.WhenAll(
            FollowAsync(Buckets.Objects, prefix, specs.Select(e => e.Revision).DefaultIfEmpty(0).Max(), cancellationToken),
            FollowAsync(Buckets.Status, prefix, statuses.Select(e => e.Revision).DefaultIfEmpty(0).Max(), cancellationToken));
    }

    private async Task FollowAsync(string bucket, string prefix, long fromRevision, CancellationToken cancellationToken)
    {
        await foreach (var change in client.Store.WatchAsync(bucket, prefix, fromRevision, cancellationToken))
            lock (_gate)
                Apply(bucket, change);
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
        if (!ReferenceEquals(before, entry.Object)) Changed?.Invoke(change.Key, before, entry.Object);
    }

    private static Entry Decoded(Entry entry) =>
        entry with { Object = entry.Spec is null ? null : ObjectClient.Decode(entry.Spec, entry.Revision, entry.Status) };
}
