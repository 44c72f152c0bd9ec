namespace GitOrch.Store.Embedded;

/// <summary>
/// Notices writes by other processes that share the file. One loop per store, started by the first
/// watch, reads the head revision every interval and signals the pulse when it moved; so a store with
/// dozens of idle watches asks SQLite one cheap question per interval instead of one per watch.
/// </summary>
internal sealed class OtherWriters(WritePulse pulse, Func<CancellationToken, Task<long>> readHead, TimeSpan interval) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _starting = new();
    private Task? _loop;

    public void EnsureWatching()
    {
        lock (_starting) _loop ??= Task.Run(() => LoopAsync(_stopping.Token));
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        // Starting from 0 makes the first look a wake-up: a write just before the loop started is not missed.
        var seen = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, cancellationToken);
                var head = await readHead(cancellationToken);
                if (head == seen) continue;
                seen = head;
                pulse.Signal();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A busy file, say: look again at the next interval. The loop must outlive any one
                // failure, because the watches wait on it for other processes' writes.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null) await _loop;
        _stopping.Dispose();
    }
}
