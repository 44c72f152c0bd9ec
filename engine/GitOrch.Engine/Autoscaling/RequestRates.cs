namespace GitOrch.Engine.Autoscaling;

/// <summary>
/// Requests per second per pod, from the proxies' ever-growing counters: the growth since the oldest
/// sample of the last <see cref="Window"/>, over the time between. A counter that shrank (its proxy
/// restarted) counts as no growth.
/// </summary>
public sealed class RequestRates
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, Queue<(DateTimeOffset At, IReadOnlyDictionary<string, long> Totals)>> _samples = [];
    private readonly Lock _gate = new();

    /// <summary>Adds a sample for one autoscaler and returns the rates, or null until an earlier sample is old enough.</summary>
    public IReadOnlyDictionary<string, double>? Add(string autoscaler, DateTimeOffset now, IReadOnlyDictionary<string, long> totals)
    {
        lock (_gate)
        {
            if (!_samples.TryGetValue(autoscaler, out var samples)) _samples[autoscaler] = samples = new();
            while (samples.Count > 1 && samples.ElementAt(1).At <= now - Window) samples.Dequeue();
            samples.Enqueue((now, totals));
            var (at, before) = samples.Peek();
            var elapsed = now - at;
            if (elapsed < Shortest) return null;
            return totals.ToDictionary(pair => pair.Key, pair => Math.Max(0, pair.Value - before.GetValueOrDefault(pair.Key)) / elapsed.TotalSeconds);
        }
    }

    public void Forget(string autoscaler)
    {
        lock (_gate) _samples.Remove(autoscaler);
    }
}
