namespace GitOrch.Store.Embedded;

/// <summary>Wakes this process's watchers as soon as it writes, instead of at their next poll.</summary>
internal sealed class WritePulse
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Signal() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
