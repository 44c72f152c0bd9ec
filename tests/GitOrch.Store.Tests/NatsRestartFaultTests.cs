using System.Diagnostics;
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
    private const string Prefix = "configmaps.fault.";

    /// <summary>Acknowledged writes before the kill, and again after the restart before the load stops.</summary>
    private const int WritesEachSide = 2_000;

    [Fact]
    public async Task NatsKilledMidLoad_LosesNoAcknowledgedWrite_AndEveryWatcherResumesToTheStoresState()
    {
        var server = await NatsServerProcess.StartAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await using var writer = await NatsObjectStore.ConnectAsync(server.Url);
            var watches = new List<RecordingWatch>();
            for (var i = 0; i < 3; i++) watches.Add(RecordingWatch.Start(await NatsObjectStore.ConnectAsync(server.Url), Prefix));
            var load = AcknowledgedWriteLoad.Start(writer, Prefix, keys: 100, writers: 4, deadline.Token);

            await Until.TrueAsync(() => load.AcknowledgedCount >= WritesEachSide, "writes acknowledged before the kill");
            var beforeKill = load.AcknowledgedCount;
            await server.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            server = await server.StartAgainAsync();
            var restarted = Stopwatch.StartNew();
            await Until.TrueAsync(() => load.AcknowledgedCount > beforeKill + 4, "a write acknowledged after the restart");
            var recovery = restarted.Elapsed;
            await Until.TrueAsync(() => load.AcknowledgedCount >= beforeKill + WritesEachSide, "writes acknowledged after the restart");
            await load.StopAsync();

            var stored = (await writer.ListAsync(Buckets.Objects, Prefix)).ToDictionary(entry => entry.Key);
            Assert.Equal(AcknowledgedWriteLoad.Checksum(load.Acknowledged.Select(pair => (pair.Key, pair.Value.Value))),
                AcknowledgedWriteLoad.Checksum(stored.Values.Select(entry => (entry.Key, entry.Value))));
            foreach (var watch in watches)
            {
                await Until.TrueAsync(() => stored.Values.All(entry => watch.LastRevision(entry.Key) == entry.Revision), "the watcher reaches every key's last revision");
                Assert.Null(watch.Failure);
                Assert.Empty(watch.KeysOutOfOrder());
            }
            output.WriteLine($"{load.AcknowledgedCount} writes acknowledged ({beforeKill} before the kill), {load.FailedAttempts} attempts failed while the server was down; " +
                             $"first write acknowledged {recovery.TotalSeconds:0.00} s after the restart; events per watcher: {string.Join(", ", watches.Select(watch => watch.EventCount))}");
            foreach (var watch in watches) await watch.DisposeAsync();
        }
        finally
        {
            await deadline.CancelAsync();
            await server.DisposeAsync();
        }
    }
}
