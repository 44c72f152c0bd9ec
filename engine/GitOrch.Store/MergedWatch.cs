using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace GitOrch.Store;

/// <summary>Watches the same prefix in several buckets and yields their events as one stream, each with its bucket.</summary>
internal static class MergedWatch
{
    public static async IAsyncEnumerable<(string Bucket, WatchEvent Change)> WatchAsync(IObjectStore store, IReadOnlyList<string> buckets, string prefix,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<(string, WatchEvent)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pumps = buckets.Select(bucket => PumpAsync(store, bucket, prefix, channel.Writer, stop.Token)).ToList();
        var completion = Task.WhenAll(pumps).ContinueWith(done => channel.Writer.TryComplete(done.Exception?.InnerException),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
                yield return change;
        }
        finally
        {
            await stop.CancelAsync();
            await completion;
        }
    }

    private static async Task PumpAsync(IObjectStore store, string bucket, string prefix, ChannelWriter<(string, WatchEvent)> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in store.WatchAsync(bucket, prefix, 0, cancellationToken))
                await writer.WriteAsync((bucket, change), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
