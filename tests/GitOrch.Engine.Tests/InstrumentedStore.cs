using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GitOrch.Store;

namespace GitOrch.Engine.Tests;

/// <summary>
/// A store that counts the watches opened on each bucket and prefix, and the objects read, and can hold
/// back every watched change by <paramref name="watchLag"/>, as a busy network would; everything else
/// passes straight on.
/// </summary>
public sealed class InstrumentedStore(IObjectStore inner, TimeSpan watchLag = default) : IObjectStore
{
    public ConcurrentDictionary<string, int> Watches { get; } = new();

    private int _objectsRead;

    /// <summary>Values read from the objects bucket, by get or by list.</summary>
    public int ObjectsRead => _objectsRead;

    public string Description => inner.Description;

    public async Task<StoreEntry?> GetAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        var entry = await inner.GetAsync(bucket, key, cancellationToken);
        if (bucket == Buckets.Objects && entry is not null) Interlocked.Increment(ref _objectsRead);
        return entry;
    }

    public async Task<IReadOnlyList<StoreEntry>> ListAsync(string bucket, string prefix, CancellationToken cancellationToken = default)
    {
        var entries = await inner.ListAsync(bucket, prefix, cancellationToken);
        if (bucket == Buckets.Objects) Interlocked.Add(ref _objectsRead, entries.Count);
        return entries;
    }

    public Task<IReadOnlyDictionary<string, long>> ListRevisionsAsync(string bucket, string prefix, CancellationToken cancellationToken = default) =>
        inner.ListRevisionsAsync(bucket, prefix, cancellationToken);

    public Task<long> CreateAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) => inner.CreateAsync(bucket, key, value, cancellationToken);

    public Task<long> UpdateAsync(string bucket, string key, byte[] value, long expectedRevision, CancellationToken cancellationToken = default) =>
        inner.UpdateAsync(bucket, key, value, expectedRevision, cancellationToken);

    public Task<long> PutAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) => inner.PutAsync(bucket, key, value, cancellationToken);

    public Task DeleteAsync(string bucket, string key, long? expectedRevision = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(bucket, key, expectedRevision, cancellationToken);

    public IAsyncEnumerable<WatchEvent> WatchAsync(string bucket, string prefix, long fromRevision, CancellationToken cancellationToken = default)
    {
        Watches.AddOrUpdate($"{bucket}:{prefix}", 1, (_, count) => count + 1);
        return watchLag == TimeSpan.Zero ? inner.WatchAsync(bucket, prefix, fromRevision, cancellationToken) : LaggingAsync(inner.WatchAsync(bucket, prefix, fromRevision, cancellationToken), cancellationToken);
    }

    private async IAsyncEnumerable<WatchEvent> LaggingAsync(IAsyncEnumerable<WatchEvent> changes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in changes.WithCancellation(cancellationToken))
        {
            await Task.Delay(watchLag, cancellationToken);
            yield return change;
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
