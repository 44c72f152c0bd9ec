namespace GitOrch.Engine.Controllers;

/// <summary>
/// Creates objects in growing batches (1, 2, 4, …) and stops at the first failure, so a pod spec that
/// the store refuses fails once instead of hundreds of times.
/// </summary>
public static class SlowStart
{
    public static async Task CreateAsync(int count, Func<int, Task> create, CancellationToken cancellationToken)
    {
        var created = 0;
        for (var batch = 1; created < count; batch *= 2)
        {
            var size = Math.Min(batch, count - created);
            var start = created;
            await Task.WhenAll(Enumerable.Range(start, size).Select(create));
            created += size;
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
