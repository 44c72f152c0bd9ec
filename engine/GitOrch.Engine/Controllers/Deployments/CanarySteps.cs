using GitOrch.Api.Model;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>
/// Walks a canary's steps: setWeight gives the canary an exact share of every Service that selects both
/// versions, once its pods are available; pause waits for a time or for promotion; analysis measures
/// the canary's traffic from the proxies' counts and aborts when it fails more than failureLimit times.
/// </summary>
public sealed class CanarySteps(TrafficSplit split, ClusterTraffic traffic, ReplicaSetScaler scaler) : IRolloutStrategy
{
    public Task<IReadOnlyList<Service>> ServicesAsync(RolloutState state, CancellationToken cancellationToken) =>
        split.SelectingAsync(state.Namespace, [state.Current.Spec.Template, .. state.Stable is null ? [] : new[] { state.Stable.Spec.Template }], cancellationToken);

    /// <summary>Promote skips the step the canary is on, whether a pause or an analysis.</summary>
    public ProgressiveRolloutStatus Promote(RolloutState state, ProgressiveRolloutStatus status) => Advance(status, state.Now);

    public async Task<RolloutOutcome> WalkAsync(RolloutState state, ProgressiveRolloutStatus status, IReadOnlyList<Service> services, CancellationToken cancellationToken)
    {
        var steps = state.Deployment.Spec.Strategy?.Canary?.Steps ?? [];
        TimeSpan? requeue = null;
        var targetWeight = status.Weight;
        while (status.CurrentStep < steps.Count && status.Phase != RolloutPhases.Aborted)
        {
            var step = steps[status.CurrentStep];
            if (step.SetWeight is { } weight)
            {
                targetWeight = weight;
                var wanted = CanaryPods(state, weight);
                if (RolloutState.Available(state.Current) < wanted)
                {
                    status = status with { Phase = RolloutPhases.Progressing, Message = $"waiting for canary pods to be available ({wanted} wanted) before weight {weight}%" };
                    break;
                }
                status = Advance(status with { Weight = weight }, state.Now);
            }
            else if (step.Pause is { } pause)
            {
                if (pause.Duration is null)
                {
                    status = status with { Phase = RolloutPhases.Paused, Message = "paused; run gitorch rollout promote to go on" };
                    break;
                }
                var duration = Durations.Parse(pause.Duration, "pause.duration");
                var remaining = (status.StepStartedAt ?? state.Now) + duration - state.Now;
                if (remaining > TimeSpan.Zero)
                {
                    status = status with { Phase = RolloutPhases.Paused, Message = $"paused for {Durations.Format(duration)}" };
                    requeue = remaining;
                    break;
                }
                status = Advance(status, state.Now);
            }
            else
            {
                (status, requeue) = await AnalyzeAsync(state, status, step.Analysis!, services, cancellationToken);
                if (requeue is not null) break;
            }
        }
        if (status.Phase == RolloutPhases.Aborted) return new RolloutOutcome(status, true, null);
        if (status.CurrentStep >= steps.Count) return new RolloutOutcome(status with { Phase = RolloutPhases.Promoting }, true, null);

        var progressed = await scaler.ScaleReleaseAsync(state, CanaryPods(state, Math.Max(targetWeight, status.Weight)), state.Desired, cancellationToken);
        await split.SetAsync(services, TrafficSplit.Between(state.StableHash!, state.CurrentHash, status.Weight), cancellationToken);
        // Waiting on a step is progress as far as the progress deadline is concerned.
        return new RolloutOutcome(status, progressed || status.Phase is RolloutPhases.Paused or RolloutPhases.Analyzing, requeue);
    }

    /// <returns>The progress, and when to measure next; no delay when the step is decided.</returns>
    private async Task<(ProgressiveRolloutStatus Status, TimeSpan? Requeue)> AnalyzeAsync(
        RolloutState state, ProgressiveRolloutStatus status, CanaryAnalysis analysis, IReadOnlyList<Service> services, CancellationToken cancellationToken)
    {
        var interval = analysis.Interval is null ? CanaryJudge.DefaultInterval : Durations.Parse(analysis.Interval, "analysis.interval");
        var byVersion = await traffic.ByVersionAsync(services, cancellationToken);
        var counts = byVersion.GetValueOrDefault(state.CurrentHash) ?? new TrafficCounts();
        if (status.AnalysisBaseline is null)
        {
            var started = status with { Phase = RolloutPhases.Analyzing, AnalysisBaseline = counts, StepStartedAt = state.Now, Message = $"analysis: first measurement in {Durations.Format(interval)}" };
            return (started, interval);
        }
        var due = (status.StepStartedAt ?? state.Now) + interval;
        if (state.Now < due) return (status with { Phase = RolloutPhases.Analyzing }, due - state.Now);

        var measurement = CanaryJudge.Measure(analysis, counts.Since(status.AnalysisBaseline), status.CurrentStep, state.Now);
        var measurements = (status.Measurements ?? []).Append(measurement).ToList();
        status = status with { Measurements = measurements, AnalysisBaseline = counts, StepStartedAt = state.Now, Message = $"analysis: {measurement.Verdict.ToLowerInvariant()}: {measurement.Message}" };
        var ofThisStep = measurements.Where(m => m.Step == status.CurrentStep).ToList();
        if (ofThisStep.Count(m => m.Verdict == AnalysisVerdicts.Failed) > (analysis.FailureLimit ?? 0))
            return (status with { Phase = RolloutPhases.Aborted, Message = $"analysis at step {status.CurrentStep + 1} failed: {measurement.Message}" }, null);
        if (ofThisStep.Count(m => m.Verdict == AnalysisVerdicts.Successful) >= (analysis.Count ?? 1))
            return (Advance(status, state.Now), null);
        return (status with { Phase = RolloutPhases.Analyzing }, interval);
    }

    private static ProgressiveRolloutStatus Advance(ProgressiveRolloutStatus status, DateTimeOffset now) =>
        status with { CurrentStep = status.CurrentStep + 1, StepStartedAt = now, AnalysisBaseline = null, Phase = RolloutPhases.Progressing };

    /// <summary>
    /// The canary's pods for a weight: its share of the replicas, at least one, at most maxSurge (default
    /// 25%, at least one) beside the full stable set. Traffic follows the weight exactly whatever the count.
    /// </summary>
    public static int CanaryPods(RolloutState state, int weight)
    {
        var surge = Math.Max(1, (state.Deployment.Spec.Strategy?.Canary?.MaxSurge ?? new IntOrString("25%")).Scaled(state.Desired, roundUp: true));
        var share = (int)Math.Ceiling(state.Desired * weight / 100.0);
        return Math.Clamp(share, 1, surge);
    }
}
