using System.Threading.Channels;
using GitOrch.Store;

namespace GitOrch.Dashboard.Live;

/// <summary>
/// One watch per bucket of the store, shared by every open page: each change after the feed started is
/// told to each subscriber as a topic, the resource of an object's key (pods, deployments…), or for the
/// meta bucket meta.RECORD (meta.sync, meta.traffic…), so that a page about releases is not redrawn by
/// every lease renewal and traffic count. Nothing of the value is passed on, so no Secret can leak through it.
/// </summary>
internal sealed class ChangeFeed(IObjectStore store) : IAsyncDisposable
{
    /// <summary>The sync's own records: its source, pin, failure and last release, the releases, and the apply journal.</summary>
    public static readonly IReadOnlyList<string> SyncTopics = ["meta.sync", "meta.release", "meta.release-failed", "meta.apply"];

    /// <summary>The counts the service proxies publish.</summary>
    public const string TrafficTopic = "meta.traffic";

    private readonly List<Channel<string>> _subscribers = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _watching;

    public ChannelReader<string> Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_subscribers)
        {
            _subscribers.Add(channel);
            _watching ??= Task.WhenAll(Buckets.All.Select(bucket => WatchAsync(bucket, _stop.Token)));
        }
        return channel.Reader;
    }

    public void Unsubscribe(ChannelReader<string> reader)
    {
        lock (_subscribers) _subscribers.RemoveAll(channel => channel.Reader == reader);
    }

    private async Task WatchAsync(string bucket, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var revisions = await store.ListRevisionsAsync(bucket, "", cancellationToken);
                var from = revisions.Count == 0 ? 0 : revisions.Values.Max();
                await foreach (var change in store.WatchAsync(bucket, "", from, cancellationToken))
                    if (change.Revision > from) Publish(Topic(bucket, change.Key));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store went away for a moment; pages keep what they show and the watch starts again.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static string Topic(string bucket, string key)
    {
        var record = key.Split('.')[0];
        return bucket == Buckets.Meta ? $"meta.{record}" : record;
    }

    private void Publish(string topic)
    {
        lock (_subscribers)
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryWrite(topic);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_watching is not null) await _watching;
        _stop.Dispose();
    }
}
