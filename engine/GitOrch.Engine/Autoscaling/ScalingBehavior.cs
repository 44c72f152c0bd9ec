using GitOrch.Api.Model;

namespace GitOrch.Engine.Autoscaling;

/// <summary>A replica count an autoscaler recommended, or a change it made, at a moment.</summary>
public sealed record TimedCount(DateTimeOffset At, int Count);

/// <summary>
/// Turns a raw recommendation into the replica count to set, as Kubernetes' autoscaler does: the
/// stabilization windows first (scaling in takes the highest recommendation of its window, scaling
/// out the lowest of its), then the rate policies (at most so many pods or percent per period), then
/// the min and max.
/// </summary>
public static class ScalingBehavior
{
    private static readonly HpaScalingRules DefaultScaleUp = new()
    {
        StabilizationWindowSeconds = 0,
        SelectPolicy = "Max",
        Policies = [new HpaScalingPolicy { Type = "Pods", Value = 4, PeriodSeconds = 15 }, new HpaScalingPolicy { Type = "Percent", Value = 100, PeriodSeconds = 15 }],
    };

    private static readonly HpaScalingRules DefaultScaleDown = new()
    {
        StabilizationWindowSeconds = 300,
        SelectPolicy = "Max",
        Policies = [new HpaScalingPolicy { Type = "Percent", Value = 100, PeriodSeconds = 15 }],
    };

    /// <param name="recommendations">Earlier recommendations and, stamped <paramref name="now"/>, the current one.</param>
    /// <param name="scaleUps">Replicas added by earlier scale-ups, with when.</param>
    /// <param name="scaleDowns">Replicas removed by earlier scale-downs, with when.</param>
    public static int Decide(HorizontalPodAutoscalerSpec spec, int current, DateTimeOffset now,
        IReadOnlyList<TimedCount> recommendations, IReadOnlyList<TimedCount> scaleUps, IReadOnlyList<TimedCount> scaleDowns)
    {
        var up = Rules(spec.Behavior?.ScaleUp, DefaultScaleUp);
        var down = Rules(spec.Behavior?.ScaleDown, DefaultScaleDown);
        var stabilized = current;
        var upRecommendation = Within(recommendations, now, up.StabilizationWindowSeconds!.Value).Min();
        var downRecommendation = Within(recommendations, now, down.StabilizationWindowSeconds!.Value).Max();
        if (stabilized < upRecommendation) stabilized = upRecommendation;
        if (stabilized > downRecommendation) stabilized = downRecommendation;

        var min = spec.MinReplicas ?? 1;
        if (stabilized > current)
            return Math.Clamp(Math.Min(stabilized, UpLimit(up, current, now, scaleUps)), min, spec.MaxReplicas);
        if (stabilized < current)
            return Math.Clamp(Math.Max(stabilized, DownLimit(down, current, now, scaleDowns)), min, spec.MaxReplicas);
        return Math.Clamp(current, min, spec.MaxReplicas);
    }

    /// <summary>The longest stabilization window of the two directions: how long recommendations must be kept.</summary>
    public static TimeSpan LongestWindow(HorizontalPodAutoscalerSpec spec) => TimeSpan.FromSeconds(Math.Max(
        Rules(spec.Behavior?.ScaleUp, DefaultScaleUp).StabilizationWindowSeconds!.Value,
        Rules(spec.Behavior?.ScaleDown, DefaultScaleDown).StabilizationWindowSeconds!.Value));

    /// <summary>The longest policy period: how long scale events must be kept.</summary>
    public static TimeSpan LongestPeriod(HorizontalPodAutoscalerSpec spec) => TimeSpan.FromSeconds(
        Rules(spec.Behavior?.ScaleUp, DefaultScaleUp).Policies!.Concat(Rules(spec.Behavior?.ScaleDown, DefaultScaleDown).Policies!).Max(policy => policy.PeriodSeconds));

    private static int UpLimit(HpaScalingRules rules, int current, DateTimeOffset now, IReadOnlyList<TimedCount> scaleUps)
    {
        if (rules.SelectPolicy == "Disabled") return current;
        var limits = rules.Policies!.Select(policy =>
        {
            var atPeriodStart = current - Within(scaleUps, now, policy.PeriodSeconds).Sum();
            return policy.Type == "Pods" ? atPeriodStart + policy.Value : (int)Math.Ceiling(atPeriodStart * (1 + policy.Value / 100.0));
        }).ToList();
        return rules.SelectPolicy == "Min" ? limits.Min() : limits.Max();
    }

    private static int DownLimit(HpaScalingRules rules, int current, DateTimeOffset now, IReadOnlyList<TimedCount> scaleDowns)
    {
        if (rules.SelectPolicy == "Disabled") return current;
        var limits = rules.Policies!.Select(policy =>
        {
            var atPeriodStart = current + Within(scaleDowns, now, policy.PeriodSeconds).Sum();
            return policy.Type == "Pods" ? atPeriodStart - policy.Value : (int)Math.Floor(atPeriodStart * (1 - policy.Value / 100.0));
        }).ToList();
        return rules.SelectPolicy == "Min" ? limits.Max() : limits.Min();
    }

    /// <summary>The rules Git gave, each field Git left out taken from the default rules.</summary>
    private static HpaScalingRules Rules(HpaScalingRules? given, HpaScalingRules defaults) => new()
    {
        StabilizationWindowSeconds = given?.StabilizationWindowSeconds ?? defaults.StabilizationWindowSeconds,
        SelectPolicy = given?.SelectPolicy ?? defaults.SelectPolicy,
        Policies = given?.Policies is { Count: > 0 } policies ? policies : defaults.Policies,
    };

    /// <summary>The counts of the last <paramref name="seconds"/>, now included: a window of 0 holds only what happened now.</summary>
    private static IEnumerable<int> Within(IReadOnlyList<TimedCount> counts, DateTimeOffset now, int seconds) =>
        counts.Where(count => count.At >= now - TimeSpan.FromSeconds(seconds)).Select(count => count.Count);
}
