using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.Store.Tests;

/// <summary>
/// nats-server on file storage is killed with SIGKILL in the middle of a write load and started again on
/// the same files. No acknowledged write is lost, and every watcher, left running through it, ends at the
/// store's state having seen each key's changes once each and in order.
/// </summary>
public sealed class NatsRestartFaultTests(ITestOutputHelper output)
{
    private const int Keys = 100;
    /// <summary>Acknowledged writes before the kill, and again after the restart before the load stops.</summary>
    private const int WritesEachSide = 2_000;
    private const int Writers = 4;
    private const int Watchers = 3;
    private const string Prefix = "configmaps.fault.";

    private readonly ConcurrentDictionary<string, (long Revision, byte[] Value)> _acknowledged = new();
    private int _acknowledgedCount;
    private int _failedAttempts;
    private volatile bool _stopWriting;

    [Fact]
    public async Task NatsKilledMidLoad_LosesNoAcknowledgedWrite_AndEveryWatcherResumesToTheStoresState()
    {
        var server = await NatsServerProcess.StartAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await using var writer = await NatsObjectStore.ConnectAsync(server.Url);
            var watchers = await Task.WhenAll(Enumerable.Range(0, Watchers).Select(_ => StartWatcherAsync(server.Url, stop.Token)));
            var load = Task.WhenAll(Enumerable.Range(0, Writers).Select(worker => Task.Run(() => WriteKeysAsync(writer, worker, stop.Token))));

            await UntilAsync(() => Volatile.Read(ref _acknowledgedCount) >= WritesEachSide, "writes acknowledged before the kill");
            var acknowledgedBeforeKill = Volatile.Read(ref _acknowledgedCount);
            server = await server.CrashAndRestartAsync(TimeSpan.FromSeconds(2));
            var restarted = Stopwatch.StartNew();
            await UntilAsync(() => Volatile.Read(ref _acknowledgedCount) > acknowledgedBeforeKill + Writers, "writes acknowledged after the restart");
            var recovery = restarted.Elapsed;
            await UntilAsync(() => Volatile.Read(ref _acknowledgedCount) >= acknowledgedBeforeKill + WritesEachSide, "writes acknowledged after the restart");
            _stopWriting = true;
            await load;

            var stored = (await writer.ListAsync(Buckets.Objects, Prefix)).ToDictionary(entry => entry.Key, entry => entry);
            Assert.Equal(Checksum(_acknowledged.Select(pair => (pair.Key, pair.Value.Value))), Checksum(stored.Select(pair => (pair.Key, pair.Value.Value))));
            Assert.All(_acknowledged, pair => Assert.True(stored[pair.Key].Revision >= pair.Value.Revision, $"{pair.Key} went back to revision {stored[pair.Key].Revision}"));

            foreach (var watcher in watchers)
            {
                await UntilAsync(() => stored.All(pair => watcher.LastRevision(pair.Key) == pair.Value.Revision), "the watcher reaches every key's last revision");
                Assert.Null(watcher.Failure);
                Assert.All(watcher.Revisions, pair => Assert.Equal(pair.Value.Order().Distinct(), pair.Value));
            }
            output.WriteLine($"{_acknowledgedCount} writes acknowledged ({acknowledgedBeforeKill} before the kill), {_failedAttempts} attempts failed while the server was down; " +
                             $"first write acknowledged {recovery.TotalSeconds:0.00} s after the restart; " +
                             $"events per watcher: {string.Join(", ", watchers.Select(watcher => watcher.Revisions.Values.Sum(revisions => revisions.Count)))}");
        }
        finally
        {
            await stop.CancelAsync();
            await server.DisposeAsync();
        }
    }

    /// <summary>Each writer owns every Writers-th key and writes them in turn until told to stop, retrying a write until it is acknowledged.</summary>
    private async Task WriteKeysAsync(IObjectStore store, int worker, CancellationToken cancellationToken)
    {
        for (var round = 0; !_stopWriting; round++)
            for (var key = worker; key < Keys && !_stopWriting; key += Writers)
            {
                var name = $"{Prefix}k{key:000}";
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

    private static Task UntilAsync(Func<bool> condition, string what) =>
        Eventually.WaitAsync(() => Task.FromResult(condition()), done => done, TimeSpan.FromMinutes(2), what);

    private static string Checksum(IEnumerable<(string Key, byte[] Value)> entries)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, value) in entries.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(key + "\n"));
            hash.AppendData(value);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static async Task<Watcher> StartWatcherAsync(string url, CancellationToken cancellationToken)
    {
        var store = await NatsObjectStore.ConnectAsync(url);
        var watcher = new Watcher();
        _ = Task.Run(() => watcher.FollowAsync(store, cancellationToken), cancellationToken);
        return watcher;
    }

    /// <summary>One watch from revision 0, never restarted by the test: what it records is what a cache built on it would hold.</summary>
    private sealed class Watcher
    {
        public ConcurrentDictionary<string, List<long>> Revisions { get; } = new();

        public Exception? Failure { get; private set; }

        public long LastRevision(string key)
        {
            if (!Revisions.TryGetValue(key, out var seen)) return 0;
            lock (seen) return seen.LastOrDefault();
        }

        public async Task FollowAsync(IObjectStore store, CancellationToken cancellationToken)
        {
            await using var _ = store;
            try
            {
                await foreach (var change in store.WatchAsync(Buckets.Objects, Prefix, 0, cancellationToken))
                {
                    var seen = Revisions.GetOrAdd(change.Key, _ => []);
                    lock (seen) seen.Add(change.Revision);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Failure = e;
            }
        }
    }
}
