using System.Globalization;
using GitOrch.Api.Model;

namespace GitOrch.Api.Vocabulary;

/// <summary>Traffic figures as analysis messages and the CLI print them.</summary>
public static class TrafficText
{
    public static string Rate(double rate) => rate.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A p99 in the histogram's open last bucket is only known to be beyond its last bound.</summary>
    public static string Latency(double ms) =>
        double.IsFinite(ms) ? $"{ms.ToString("0.#", CultureInfo.InvariantCulture)}ms" : $">{TrafficCounts.LatencyBoundsMs[^1]}ms";

    /// <summary>"N requests, success rate R, p99 L"; a window with no requests counts as all successful.</summary>
    public static string Summary(TrafficCounts counts) =>
        $"{counts.Requests} requests, success rate {Rate(counts.SuccessRate() ?? 1)}, p99 {Latency(counts.LatencyPercentileMs(0.99) ?? 0)}";
}
