namespace GitOrch.Api.Model;

/// <summary>Sums, differences and the figures analysis judges by, over the service proxy's counts.</summary>
public static class TrafficMath
{
    public static TrafficCounts Plus(this TrafficCounts a, TrafficCounts b) => Combine(a, b, 1);

    /// <summary>
    /// What was counted since <paramref name="earlier"/>. Counters restart at zero when an agent
    /// restarts; then the later counts alone are the best estimate.
    /// </summary>
    public static TrafficCounts Since(this TrafficCounts later, TrafficCounts? earlier) =>
        earlier is null || later.Requests < earlier.Requests ? later : Combine(later, earlier, -1);

    /// <summary>The share of requests that ended without a 5xx status or a connection error; null with no requests.</summary>
    public static double? SuccessRate(this TrafficCounts counts) =>
        counts.Requests == 0 ? null : Math.Max(0, counts.Requests - counts.Status5xx - counts.Errors) / (double)counts.Requests;

    /// <summary>
    /// The latency under which <paramref name="quantile"/> of requests finished, as the upper bound of
    /// its histogram bucket; infinity when it falls in the last, open bucket; null with no requests.
    /// </summary>
    public static double? LatencyPercentileMs(this TrafficCounts counts, double quantile)
    {
        var total = counts.LatencyBuckets.Sum();
        if (total == 0) return null;
        var wanted = Math.Ceiling(total * quantile);
        long seen = 0;
        for (var i = 0; i < counts.LatencyBuckets.Count; i++)
        {
            seen += counts.LatencyBuckets[i];
            if (seen >= wanted)
                return i < TrafficCounts.LatencyBoundsMs.Length ? TrafficCounts.LatencyBoundsMs[i] : double.PositiveInfinity;
        }
        return double.PositiveInfinity;
    }

    private static TrafficCounts Combine(TrafficCounts a, TrafficCounts b, int sign)
    {
        var buckets = Enumerable.Range(0, Math.Max(a.LatencyBuckets.Count, b.LatencyBuckets.Count))
            .Select(i => a.LatencyBuckets.ElementAtOrDefault(i) + sign * b.LatencyBuckets.ElementAtOrDefault(i))
            .ToList();
        return new TrafficCounts
        {
            Requests = a.Requests + sign * b.Requests,
            Status2xx = a.Status2xx + sign * b.Status2xx,
            Status3xx = a.Status3xx + sign * b.Status3xx,
            Status4xx = a.Status4xx + sign * b.Status4xx,
            Status5xx = a.Status5xx + sign * b.Status5xx,
            Errors = a.Errors + sign * b.Errors,
            LatencyBuckets = buckets,
            LatencySumMs = a.LatencySumMs + sign * b.LatencySumMs,
        };
    }
}
