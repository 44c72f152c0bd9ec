using System.Threading.Channels;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// A queue of keys that holds each key at most once while it waits, so a burst of events for one
/// object causes one reconcile.
/// </summary>
public sealed class WorkQueue
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> _waiting = [];

    public void Add(string key)
    {
        lock (_waiting)
            if (!_waiting.Add(key)) return;
        _channel.Writer.TryWrite(key);
    }

    public void AddAfter(string key, TimeSpan delay, CancellationToken cancellationToken) =>
        _ = Task.Delay(delay, cancellationToken).ContinueWith(_ => Add(key), cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    public async ValueTask<string> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await _channel.Reader.ReadAsync(cancellationToken);
        lock (_waiting) _waiting.Remove(key);
        return key;
    }
}
