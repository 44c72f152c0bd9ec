namespace GitOrch.Store;

/// <summary>
/// The only way to persistent state. Keys are <c>resource.namespace.name</c>; every write returns a
/// revision that grows monotonically within a bucket. Update and delete are compare-and-swap on the
/// expected revision and throw <see cref="ConflictException"/> when it moved.
/// </summary>
public interface IObjectStore : IAsyncDisposable
{
    /// <summary>A short description for logs and banners, such as the file path or the NATS URL.</summary>
    string Description { get; }

    Task<StoreEntry?> GetAsync(string bucket, string key, CancellationToken cancellationToken = default);

    /// <summary>Current entries whose key starts with <paramref name="prefix"/>, which is empty or ends with '.'.</summary>
    Task<IReadOnlyList<StoreEntry>> ListAsync(string bucket, string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// The revision of each current key under <paramref name="prefix"/>, without the values: enough to
    /// tell which objects moved since a known point.
    /// </summary>
    async Task<IReadOnlyDictionary<string, long>> ListRevisionsAsync(string bucket, string prefix, CancellationToken cancellationToken = default) =>
        (await ListAsync(bucket, prefix, cancellationToken)).ToDictionary(entry => entry.Key, entry => entry.Revision, StringComparer.Ordinal);

    Task<long> CreateAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default);

    Task<long> UpdateAsync(string bucket, string key, byte[] value, long expectedRevision, CancellationToken cancellationToken = default);

    /// <summary>Writes without a revision check: for status and heartbeats, which have a single writer.</summary>
    Task<long> PutAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default);

    /// <summary>Deletes the key; with an expected revision, only if it has not moved. Deleting a missing key is a no-op.</summary>
    Task DeleteAsync(string bucket, string key, long? expectedRevision = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// From revision 0: the current entries under the prefix, then every change. From revision R: every
    /// change after R, so a watcher that remembers the last revision it saw resumes without a gap.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string bucket, string prefix, long fromRevision, CancellationToken cancellationToken = default);
}
