namespace GitOrch.TestSupport;

public static class Eventually
{
    /// <summary>Polls until the check passes or the time is up; then fails with the last observation.</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T>> observe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var observed = await observe();
            if (done(observed)) return observed;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out after {timeout.TotalSeconds}s waiting for {what}; last saw: {observed}");
            await Task.Delay(250);
        }
    }
}
