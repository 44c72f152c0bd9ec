using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GitOrch.Store;

namespace GitOrch.TestSupport;

/// <summary>
/// A write load for fault tests: each writer owns every n-th key and writes its keys in turn until told to
/// stop, retrying a write until it is acknowledged, and remembers what each key's last acknowledged write was.
/// </summary>
public sealed class AcknowledgedWriteLoad
{
    private readonly ConcurrentDictionary<string, (long Revision, byte[] Value)> _acknowledged = new();
    private readonly Task _writers;
    private int _acknowledgedCount;
    private int _failedAttempts;
    private volatile bool _stopping;

    private AcknowledgedWriteLoad(IObjectStore store, string prefix, int keys, int writers, CancellationToken cancellationToken) =>
        _writers = Task.WhenAll(Enumerable.Range(0, writers).Select(worker => Task.Run(() => WriteAsync(store, prefix, keys, writers, worker, cancellationToken))));

    /// <param name="prefix">The key prefix in the objects bucket, such as "configmaps.fault.".</param>
    public static AcknowledgedWriteLoad Start(IObjectStore store, string prefix, int keys, int writers, CancellationToken cancellationToken) =>
        new(store, prefix, keys, writers, cancellationToken);

    public int AcknowledgedCount => Volatile.Read(ref _acknowledgedCount);

    /// <summary>Attempts that failed (while a server was down, say) and were tried again.</summary>
    public int FailedAttempts => Volatile.Read(ref _failedAttempts);

    public IReadOnlyDictionary<string, (long Revision, byte[] Value)> Acknowledged => _acknowledged;

    /// <summary>Stops after each writer's current write is acknowledged.</summary>
    public Task StopAsync()
    {
        _stopping = true;
        return _writers;
    }

    /// <summary>A SHA-256 over keys and values in key order, to compare a store's content with what was acknowledged.</summary>
    public static string Checksum(IEnumerable<(string Key, byte[] Value)> entries)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, value) in entries.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(key + "\n"));
            hash.AppendData(value);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private async Task WriteAsync(IObjectStore store, string prefix, int keys, int writers, int worker, CancellationToken cancellationToken)
    {
        for (var round = 0; !_stopping; round++)
            for (var key = worker; key < keys && !_stopping; key += writers)
            {
                var name = $"{prefix}k{key:000}";
                var value = Encoding.UTF8.GetBytes($"{name} round {round}");
                while (true)
                {
                    try
                    {
                        var revision = await store.PutAsync(Buckets.Objects, name, value, cancellationToken);
                        _acknowledged[name] = (revision, value);
                        Interlocked.Increment(ref _acknowledgedCount);
                        break;
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref _failedAttempts);
                        await Task.Delay(100, cancellationToken);
                    }
                }
            }
    }
}
