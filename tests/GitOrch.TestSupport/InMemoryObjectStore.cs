using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GitOrch.Store;

namespace GitOrch.TestSupport;

/// <summary>
/// The store contract in memory, for unit tests only: one revision counter for the whole store, CAS on
/// update and delete, and watches that replay the current entries and then every change.
/// </summary>
public sealed class InMemoryObjectStore : IObjectStore
{
    private readonly Dictionary<(string Bucket, string Key), StoreEntry> _entries = [];
    private readonly List<(string Bucket, WatchEvent Change)> _log = [];
    private readonly List<Channel<(string, WatchEvent)>> _watchers = [];
    private readonly Lock _lock = new();
    private long _revision;

    public string Description => "memory";

    public Task<StoreEntry?> GetAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(_entries.GetValueOrDefault((bucket, key)));
    }

    public Task<IReadOnlyList<StoreEntry>> ListAsync(string bucket, string prefix, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<StoreEntry>>(_entries.Where(pair => pair.Key.Bucket == bucket && pair.Key.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(pair => pair.Value).OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList());
    }

    public Task<long> CreateAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) =>
        Write(bucket, key, value, current => current is null ? null : "key exists");

    public Task<long> UpdateAsync(string bucket, string key, byte[] value, long expectedRevision, CancellationToken cancellationToken = default) =>
        Write(bucket, key, value, current => current?.Revision == expectedRevision ? null : $"expected revision {expectedRevision}, found {current?.Revision}");

    public Task<long> PutAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) =>
        Write(bucket, key, value, _ => null);

    public Task DeleteAsync(string bucket, string key, long? expectedRevision = null, CancellationToken cancellationToken = default) =>
        Write(bucket, key, null, current => expectedRevision is { } expected && current is not null && current.Revision != expected ? $"expected revision {expected}" : null);

    private Task<long> Write(string bucket, string key, byte[]? value, Func<StoreEntry?, string?> conflict)
    {
        lock (_lock)
        {
            var current = _entries.GetValueOrDefault((bucket, key));
            if (conflict(current) is { } reason) throw new ConflictException(bucket, key, reason);
            if (value is null && current is null) return Task.FromResult(_revision);
            var revision = ++_revision;
            if (value is null) _entries.Remove((bucket, key));
            else _entries[(bucket, key)] = new StoreEntry(key, value, revision);
            var change = new WatchEvent(value is null ? WatchEventType.Delete : WatchEventType.Put, key, value, revision);
            _log.Add((bucket, change));
            foreach (var watcher in _watchers) watcher.Writer.TryWrite((bucket, change));
            return Task.FromResult(revision);
        }
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string bucket, string prefix, long fromRevision, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<(string, WatchEvent)>();
        List<WatchEvent> backlog;
        lock (_lock)
        {
            backlog = fromRevision == 0
                ? _entries.Where(pair => pair.Key.Bucket == bucket && pair.Key.Key.StartsWith(prefix, StringComparison.Ordinal))
                    .Select(pair => new WatchEvent(WatchEventType.Put, pair.Value.Key, pair.Value.Value, pair.Value.Revision)).OrderBy(e => e.Revision).ToList()
                : _log.Where(entry => entry.Bucket == bucket && entry.Change.Revision > fromRevision && entry.Change.Key.StartsWith(prefix, StringComparison.Ordinal))
                    .Select(entry => entry.Change).ToList();
            _watchers.Add(channel);
        }
        try
        {
            foreach (var change in backlog) yield return change;
            await foreach (var (changeBucket, change) in channel.Reader.ReadAllAsync(cancellationToken))
                if (changeBucket == bucket && change.Key.StartsWith(prefix, StringComparison.Ordinal))
                    yield return change;
        }
        finally
        {
            lock (_lock) _watchers.Remove(channel);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
