namespace GitOrch.TestSupport;

/// <summary>Waits for a condition that needs no I/O to observe, such as a counter another task raises.</summary>
public static class Until
{
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(() => Task.FromResult(condition()), done => done, timeout ?? TimeSpan.FromMinutes(2), what);
}
