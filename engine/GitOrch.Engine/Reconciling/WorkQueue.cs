using System.Threading.Channels;

namespace GitOrch.Engine.Reconciling;

/// <summary>
/// A queue of keys for several workers. A key waits in the queue at most once, so a burst of events
/// for one object causes one reconcile; and a key is handed to one worker at a time: added while it
/// is being worked on, it waits until that worker calls <see cref="Done"/>.
/// </summary>
public sealed class WorkQueue(TimeProvider clock)
{
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> _dirty = [];
    private readonly HashSet<string> _processing = [];
    private readonly HashSet<ITimer> _timers = [];
    private readonly Lock _lock = new();

    /// <summary>Keys waiting to be worked on.</summary>
    public int Depth
    {
        get { lock (_lock) return _dirty.Count; }
    }

    public void Add(string key)
    {
        lock (_lock)
        {
            if (!_dirty.Add(key) || _processing.Contains(key)) return;
        }
        _ready.Writer.TryWrite(key);
    }

    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        // The set keeps each timer reachable until it fires; an unreferenced timer may be collected.
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            lock (_lock) _timers.Remove(timer!);
            timer!.Dispose();
            Add(key);
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_lock) _timers.Add(timer);
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    public async ValueTask<string> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await _ready.Reader.ReadAsync(cancellationToken);
        lock (_lock)
        {
            _dirty.Remove(key);
            _processing.Add(key);
        }
        return key;
    }

    /// <summary>One worker: takes keys one after another and runs <paramref name="work"/> on each, marking it done even when the work throws.</summary>
    public async Task ProcessAsync(Func<string, Task> work, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = await TakeAsync(cancellationToken);
            try
            {
                await work(key);
            }
            finally
            {
                Done(key);
            }
        }
    }

    /// <summary>The worker finished with the key; if it was added meanwhile, it is queued again now.</summary>
    public void Done(string key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (!_dirty.Contains(key)) return;
        }
        _ready.Writer.TryWrite(key);
    }
}
