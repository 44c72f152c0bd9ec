namespace GitOrch.Api.Model;

public static class StrategyTypes
{
    public const string RollingUpdate = "RollingUpdate";
    public const string Recreate = "Recreate";
    public const string Canary = "Canary";
    public const string BlueGreen = "BlueGreen";
}

/// <summary>
/// A canary release: the new version runs beside the stable one and the service proxy gives it an exact
/// share of each Service's traffic, step by step, judged by analysis of the proxy's own counts.
/// </summary>
public sealed record CanaryStrategy
{
    /// <summary>How many canary pods may run beside the full stable set, as a count or a percentage of replicas (default 25%, at least 1).</summary>
    public IntOrString? MaxSurge { get; init; }

    public List<CanaryStep>? Steps { get; init; }
}

/// <summary>One step of a canary; exactly one of its fields is set.</summary>
public sealed record CanaryStep
{
    /// <summary>The canary's share of traffic, in percent.</summary>
    public int? SetWeight { get; init; }

    public CanaryPause? Pause { get; init; }
    public CanaryAnalysis? Analysis { get; init; }
}

public sealed record CanaryPause
{
    /// <summary>How long to wait, such as 30s or 5m; when absent, wait for <c>gitorch rollout promote</c>.</summary>
    public string? Duration { get; init; }
}

/// <summary>
/// Measures the canary's traffic every interval, count times. A measurement fails when a threshold is
/// missed; more failures than failureLimit abort the rollout. A measurement with fewer than minRequests
/// requests is inconclusive and is taken again.
/// </summary>
public sealed record CanaryAnalysis
{
    public SuccessRateThreshold? SuccessRate { get; init; }
    public LatencyThreshold? LatencyP99 { get; init; }
    public int? MinRequests { get; init; }
    public string? Interval { get; init; }
    public int? Count { get; init; }
    public int? FailureLimit { get; init; }
}

public sealed record SuccessRateThreshold
{
    /// <summary>The lowest share of requests, from 0 to 1, that may end without a 5xx status or a connection error.</summary>
    public double Min { get; init; }
}

public sealed record LatencyThreshold
{
    /// <summary>The highest 99th-percentile latency allowed, such as 500ms.</summary>
    public string Max { get; init; } = "";
}

/// <summary>
/// A blue-green release: the new version comes up in full behind the preview Service while the active
/// Service keeps the old one; promotion switches the active Service at once.
/// </summary>
public sealed record BlueGreenStrategy
{
    public string ActiveService { get; init; } = "";
    public string? PreviewService { get; init; }

    /// <summary>Promote as soon as the new version is available (the default); false waits for <c>gitorch rollout promote</c>.</summary>
    public bool? AutoPromotionEnabled { get; init; }
}

/// <summary>A Canary or BlueGreen rollout's progress, as the Deployment controller records it.</summary>
public sealed record ProgressiveRolloutStatus
{
    /// <summary>The pod-template hash that serves all traffic when no release is under way.</summary>
    public string? StableHash { get; init; }

    /// <summary>The pod-template hash being released; null when none is.</summary>
    public string? CanaryHash { get; init; }

    /// <summary>One of <see cref="RolloutPhases"/>.</summary>
    public string Phase { get; init; } = RolloutPhases.Healthy;

    /// <summary>The index of the step being walked; equal to the number of steps once all are done.</summary>
    public int CurrentStep { get; init; }

    /// <summary>The canary's share of traffic now, in percent.</summary>
    public int Weight { get; init; }

    public DateTimeOffset? StepStartedAt { get; init; }
    public string? Message { get; init; }

    /// <summary>The canary's counts when the current analysis interval began, summed over nodes and Services.</summary>
    public TrafficCounts? AnalysisBaseline { get; init; }

    /// <summary>Every analysis measurement of this release, oldest first.</summary>
    public List<AnalysisMeasurement>? Measurements { get; init; }
}

public static class RolloutPhases
{
    public const string Healthy = "Healthy";
    public const string Progressing = "Progressing";
    public const string Paused = "Paused";
    public const string Analyzing = "Analyzing";
    public const string Promoting = "Promoting";
    public const string Aborted = "Aborted";
}

public static class AnalysisVerdicts
{
    public const string Successful = "Successful";
    public const string Failed = "Failed";
    public const string Inconclusive = "Inconclusive";
}

public sealed record AnalysisMeasurement
{
    public int Step { get; init; }
    public DateTimeOffset At { get; init; }
    public string Verdict { get; init; } = "";
    public long Requests { get; init; }
    public double? SuccessRate { get; init; }
    public double? LatencyP99Ms { get; init; }
    public string Message { get; init; } = "";
}

/// <summary>What <c>gitorch rollout</c> asks of a Canary or BlueGreen rollout, through <see cref="WellKnown.RolloutAction"/>.</summary>
public static class RolloutActions
{
    /// <summary>Go past the current pause, or promote a blue-green release.</summary>
    public const string Promote = "promote";

    /// <summary>Skip every remaining step and promote now.</summary>
    public const string PromoteFull = "promote-full";

    public const string Abort = "abort";

    /// <summary>Start an aborted release again from its first step.</summary>
    public const string Retry = "retry";
}
