using System.Collections.Concurrent;
using GitOrch.Store;

namespace GitOrch.Engine.Tests;

/// <summary>A store that counts the watches opened on each bucket and prefix, and passes everything on.</summary>
public sealed class WatchCountingStore(IObjectStore inner) : IObjectStore
{
    public ConcurrentDictionary<string, int> Watches { get; } = new();

    public string Description => inner.Description;

    public Task<StoreEntry?> GetAsync(string bucket, string key, CancellationToken cancellationToken = default) => inner.GetAsync(bucket, key, cancellationToken);

    public Task<IReadOnlyList<StoreEntry>> ListAsync(string bucket, string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(bucket, prefix, cancellationToken);

    public Task<long> CreateAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) => inner.CreateAsync(bucket, key, value, cancellationToken);

    public Task<long> UpdateAsync(string bucket, string key, byte[] value, long expectedRevision, CancellationToken cancellationToken = default) =>
        inner.UpdateAsync(bucket, key, value, expectedRevision, cancellationToken);

    public Task<long> PutAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) => inner.PutAsync(bucket, key, value, cancellationToken);

    public Task DeleteAsync(string bucket, string key, long? expectedRevision = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(bucket, key, expectedRevision, cancellationToken);

    public IAsyncEnumerable<WatchEvent> WatchAsync(string bucket, string prefix, long fromRevision, CancellationToken cancellationToken = default)
    {
        Watches.AddOrUpdate($"{bucket}:{prefix}", 1, (_, count) => count + 1);
        return inner.WatchAsync(bucket, prefix, fromRevision, cancellationToken);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
