using System.Globalization;
using GitOrch.Api.Model;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>Judges one analysis interval of the canary's traffic against the step's thresholds.</summary>
public static class CanaryJudge
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    public static AnalysisMeasurement Measure(CanaryAnalysis analysis, TrafficCounts interval, int step, DateTimeOffset now)
    {
        var successRate = interval.SuccessRate();
        var p99 = interval.LatencyPercentileMs(0.99);
        var measurement = new AnalysisMeasurement
        {
            Step = step,
            At = now,
            Requests = interval.Requests,
            SuccessRate = successRate,
            LatencyP99Ms = p99 is { } value && double.IsFinite(value) ? value : null,
        };
        var minRequests = analysis.MinRequests ?? 1;
        if (interval.Requests < minRequests || interval.Requests == 0)
            return measurement with { Verdict = AnalysisVerdicts.Inconclusive, Message = $"{interval.Requests} requests, fewer than the {minRequests} needed" };

        var failures = new List<string>();
        if (analysis.SuccessRate is { } rate && successRate < rate.Min)
            failures.Add($"success rate {Format(successRate!.Value)} < {Format(rate.Min)}");
        if (analysis.LatencyP99 is { } latency && p99 > Durations.Parse(latency.Max, "latencyP99.max").TotalMilliseconds)
            failures.Add($"latency p99 {FormatLatency(p99!.Value)} > {latency.Max}");
        var summary = $"{interval.Requests} requests, success rate {Format(successRate!.Value)}, p99 {FormatLatency(p99 ?? 0)}";
        return failures.Count == 0
            ? measurement with { Verdict = AnalysisVerdicts.Successful, Message = summary }
            : measurement with { Verdict = AnalysisVerdicts.Failed, Message = $"{string.Join("; ", failures)} over {interval.Requests} requests" };
    }

    public static string Format(double rate) => rate.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A p99 in the histogram's open last bucket is only known to be beyond its last bound.</summary>
    public static string FormatLatency(double ms) =>
        double.IsFinite(ms) ? $"{ms.ToString("0.#", CultureInfo.InvariantCulture)}ms" : $">{TrafficCounts.LatencyBoundsMs[^1]}ms";
}
