namespace GitOrch.Engine.Controllers;

/// <summary>
/// Creates objects in growing batches (1, 2, 4, …) and stops at the first failure, so a pod spec that
/// the store refuses fails once instead of hundreds of times.
/// </summary>
public static class SlowStart
{
    public static async Task<List<T>> CreateAsync<T>(int count, Func<Task<T>> create, CancellationToken cancellationToken)
    {
        var created = new List<T>();
        for (var batch = 1; created.Count < count; batch *= 2)
        {
            var size = Math.Min(batch, count - created.Count);
            created.AddRange(await Task.WhenAll(Enumerable.Range(0, size).Select(_ => create())));
            cancellationToken.ThrowIfCancellationRequested();
        }
        return created;
    }
}
