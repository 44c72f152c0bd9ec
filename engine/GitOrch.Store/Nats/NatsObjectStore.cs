using System.Runtime.CompilerServices;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace GitOrch.Store.Nats;

/// <summary>The production store: one NATS JetStream key-value bucket per store bucket. Values of any size fit: see <see cref="ValueParts"/>.</summary>
public sealed class NatsObjectStore : IObjectStore
{
    private readonly NatsConnection _connection;
    private readonly Dictionary<string, INatsKVStore> _buckets;
    private readonly PermissionViolations _violations;

    private NatsObjectStore(NatsConnection connection, Dictionary<string, INatsKVStore> buckets, PermissionViolations violations, string description)
    {
        _connection = connection;
        _buckets = buckets;
        _violations = violations;
        Description = description;
    }

    public string Description { get; }

    public static async Task<NatsObjectStore> ConnectAsync(string url, int replicas = 1, CancellationToken cancellationToken = default)
    {
        var (options, identity) = NatsOptionsFromUrl.Create(url);
        var connection = new NatsConnection(options);
        var violations = new PermissionViolations(connection, identity);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            var buckets = await OpenBucketsAsync(new NatsKVContext(new NatsJSContext(connection)), replicas, violations, cancellationToken);
            return new NatsObjectStore(connection, buckets, violations, NatsOptionsFromUrl.Redact(url));
        }
        catch (StoreUnavailableException)
        {
            await connection.DisposeAsync();
            throw;
        }
        catch (Exception e) when (e is NatsException or TimeoutException or NatsJSException)
        {
            await connection.DisposeAsync();
            throw new StoreUnavailableException($"cannot reach the NATS store at {NatsOptionsFromUrl.Redact(url)}: {OneLine(e)}", e);
        }
    }

    /// <summary>
    /// Opens a bucket as it is, and creates it only when missing: updating it on every connect would
    /// set a three-replica bucket back to the replica count of whichever client connected last.
    /// </summary>
    /// <remarks>A credential whose role may not create buckets learns at once that the server must start first.</remarks>
    private static async Task<INatsKVStore> OpenOrCreateAsync(NatsKVContext kv, string bucket, int replicas, PermissionViolations violations, CancellationToken cancellationToken)
    {
        try
        {
            return await kv.GetStoreAsync(bucket, cancellationToken);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            try
            {
                return await violations.GuardAsync($"$JS.API.STREAM.CREATE.KV_{bucket}", async () =>
                    await kv.CreateStoreAsync(new NatsKVConfig(bucket) { History = 64, NumberOfReplicas = replicas }, cancellationToken));
            }
            catch (PermissionDeniedException denied)
            {
                throw new StoreUnavailableException($"the store has no bucket {bucket} yet, and this credential may not create it ({denied.Message}): start gitorch server first, or connect once as admin");
            }
        }
    }

    /// <summary>
    /// Creates or opens the buckets. A server that has just started may not answer JetStream requests
    /// for a moment, and an agent may start before the server has made the buckets, so either is
    /// retried for a few seconds before it counts as unreachable.
    /// </summary>
    private static async Task<Dictionary<string, INatsKVStore>> OpenBucketsAsync(NatsKVContext kv, int replicas, PermissionViolations violations, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var buckets = new Dictionary<string, INatsKVStore>();
                foreach (var bucket in Buckets.All)
                    buckets[bucket] = await OpenOrCreateAsync(kv, bucket, replicas, violations, cancellationToken);
                return buckets;
            }
            catch (Exception e) when (attempt < 8 && e is NatsJSException or NatsNoRespondersException or TimeoutException or StoreUnavailableException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Reads an entry, again if a newer write replaced a value in parts while it was being read.</summary>
    public async Task<StoreEntry?> GetAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await GetStoredAsync(bucket, key, cancellationToken) is not { } stored) return null;
            if (await ValueParts.TryResolveAsync(_buckets[bucket], key, stored.Value, cancellationToken) is { } value) return stored with { Value = value };
        }
    }

    /// <summary>The entry as the bucket holds it: for a value stored in parts, the head that names them.</summary>
    private async Task<StoreEntry?> GetStoredAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var result = await _buckets[bucket].TryGetEntryAsync<byte[]>(key, cancellationToken: cancellationToken);
        return result.Success ? ToEntry(result.Value) : null;
    }

    public async Task<IReadOnlyList<StoreEntry>> ListAsync(string bucket, string prefix, CancellationToken cancellationToken = default)
    {
        // A key written while the list runs comes again, newer: the newest wins.
        var entries = new Dictionary<string, StoreEntry>(StringComparer.Ordinal);
        var options = new NatsKVWatchOpts { IgnoreDeletes = true, OnNoData = _ => ValueTask.FromResult(true) };
        await foreach (var entry in _buckets[bucket].WatchAsync<byte[]>(Filter(prefix), opts: options, cancellationToken: cancellationToken))
        {
            var stored = ToEntry(entry);
            var value = await ValueParts.TryResolveAsync(_buckets[bucket], stored.Key, stored.Value, cancellationToken);
            if ((value is null ? await GetAsync(bucket, stored.Key, cancellationToken) : stored with { Value = value }) is { } current
                && (!entries.TryGetValue(current.Key, out var seen) || seen.Revision < current.Revision))
                entries[current.Key] = current;
            if (entry.Delta == 0) break;
        }
        return entries.Values.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyDictionary<string, long>> ListRevisionsAsync(string bucket, string prefix, CancellationToken cancellationToken = default)
    {
        var revisions = new Dictionary<string, long>(StringComparer.Ordinal);
        var options = new NatsKVWatchOpts { IgnoreDeletes = true, MetaOnly = true, OnNoData = _ => ValueTask.FromResult(true) };
        await foreach (var entry in _buckets[bucket].WatchAsync<byte[]>(Filter(prefix), opts: options, cancellationToken: cancellationToken))
        {
            revisions[entry.Key] = (long)entry.Revision;
            if (entry.Delta == 0) break;
        }
        return revisions;
    }

    public Task<long> CreateAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) =>
        WriteAsync(bucket, key, value, async stored =>
        {
            var result = await _buckets[bucket].TryCreateAsync(key, stored, cancellationToken: cancellationToken);
            return result.Success ? (long)result.Value : throw Conflict(bucket, key, result.Error, "key exists");
        }, cancellationToken);

    public Task<long> UpdateAsync(string bucket, string key, byte[] value, long expectedRevision, CancellationToken cancellationToken = default) =>
        WriteAsync(bucket, key, value, async stored =>
        {
            var result = await _buckets[bucket].TryUpdateAsync(key, stored, (ulong)expectedRevision, cancellationToken: cancellationToken);
            return result.Success ? (long)result.Value : throw Conflict(bucket, key, result.Error, $"expected revision {expectedRevision}");
        }, cancellationToken);

    public Task<long> PutAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) =>
        WriteAsync(bucket, key, value, async stored => (long)await _buckets[bucket].PutAsync(key, stored, cancellationToken: cancellationToken), cancellationToken);

    /// <summary>Writes a value that fits one message as it is; a bigger one as parts and a head, see <see cref="ValueParts"/>.</summary>
    private Task<long> WriteAsync(string bucket, string key, byte[] value, Func<byte[], Task<long>> write, CancellationToken cancellationToken) =>
        _violations.GuardAsync($"$KV.{bucket}.{key}", () => WriteInPartsIfLargeAsync(bucket, key, value, write, cancellationToken));

    private async Task<long> WriteInPartsIfLargeAsync(string bucket, string key, byte[] value, Func<byte[], Task<long>> write, CancellationToken cancellationToken)
    {
        if (value.Length <= ValueParts.MaxInline) return await write(value);
        var (head, id) = await ValueParts.WritePartsAsync(_buckets[bucket], key, value, cancellationToken);
        long revision;
        try
        {
            revision = await write(head);
        }
        catch
        {
            await ValueParts.DeletePartsAsync(_buckets[bucket], key, written => written == id, CancellationToken.None);
            throw;
        }
        await ValueParts.DeletePartsAsync(_buckets[bucket], key, written => written != id, cancellationToken);
        return revision;
    }

    public async Task DeleteAsync(string bucket, string key, long? expectedRevision = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // The delete is compare-and-swap on the revision read, so that the parts removed are those of
            // the value deleted; without an expected revision, a write in between only means look again.
            var current = await GetStoredAsync(bucket, key, cancellationToken);
            if (current is null) return;
            var options = new NatsKVDeleteOpts { Revision = (ulong)(expectedRevision ?? current.Revision) };
            var result = await _violations.GuardAsync($"$KV.{bucket}.{key}", async () => await _buckets[bucket].TryDeleteAsync(key, options, cancellationToken));
            if (result.Success)
            {
                if (ValueParts.IsHead(current.Value))
                    await ValueParts.DeletePartsAsync(_buckets[bucket], key, _ => true, cancellationToken);
                return;
            }
            if (expectedRevision is not null)
                throw Conflict(bucket, key, result.Error, $"expected revision {options.Revision}");
        }
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string bucket, string prefix, long fromRevision,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // ResumeAtRevision delivers from that stream sequence inclusive; the contract is "after fromRevision".
        var options = fromRevision == 0 ? new NatsKVWatchOpts() : new NatsKVWatchOpts { ResumeAtRevision = (ulong)fromRevision + 1 };
        await foreach (var entry in _buckets[bucket].WatchAsync<byte[]>(Filter(prefix), opts: options, cancellationToken: cancellationToken))
        {
            if (entry.Operation != NatsKVOperation.Put)
                yield return new WatchEvent(WatchEventType.Delete, entry.Key, null, (long)entry.Revision);
            // A value in parts that a newer write has replaced is skipped: that write's own change follows.
            else if (await ValueParts.TryResolveAsync(_buckets[bucket], entry.Key, entry.Value ?? [], cancellationToken) is { } value)
                yield return new WatchEvent(WatchEventType.Put, entry.Key, value, (long)entry.Revision);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>The innermost message: the client wraps TLS and authentication failures in generic ones.</summary>
    private static string OneLine(Exception error)
    {
        var innermost = error;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        var message = innermost == error ? error.Message : $"{error.Message.TrimEnd('.')}: {innermost.Message}";
        return message.ReplaceLineEndings(" ");
    }

    private static string Filter(string prefix) => prefix + ">";

    private static StoreEntry ToEntry(NatsKVEntry<byte[]> entry) => new(entry.Key, entry.Value ?? [], (long)entry.Revision);

    private static Exception Conflict(string bucket, string key, Exception error, string problem) =>
        error is NatsKVCreateException or NatsKVWrongLastRevisionException or NatsKVKeyDeletedException
            ? new ConflictException(bucket, key, problem)
            : error;
}
