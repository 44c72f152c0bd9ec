using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;

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
            failures.Add($"success rate {TrafficText.Rate(successRate!.Value)} < {TrafficText.Rate(rate.Min)}");
        if (analysis.LatencyP99 is { } latency && p99 > Durations.Parse(latency.Max, "latencyP99.max").TotalMilliseconds)
            failures.Add($"latency p99 {TrafficText.Latency(p99!.Value)} > {latency.Max}");
        return failures.Count == 0
            ? measurement with { Verdict = AnalysisVerdicts.Successful, Message = TrafficText.Summary(interval) }
            : measurement with { Verdict = AnalysisVerdicts.Failed, Message = $"{string.Join("; ", failures)} over {interval.Requests} requests" };
    }
}
