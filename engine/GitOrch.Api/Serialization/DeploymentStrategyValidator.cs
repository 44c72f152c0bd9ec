using GitOrch.Api.Model;

namespace GitOrch.Api.Serialization;

/// <summary>Checks a Deployment's strategy: its type, and every Canary step or BlueGreen field, naming the field at fault.</summary>
public static class DeploymentStrategyValidator
{
    public static string? Problem(DeploymentStrategy? strategy)
    {
        if (strategy is null) return null;
        return strategy.Type switch
        {
            null or StrategyTypes.RollingUpdate => RollingUpdateProblem(strategy.RollingUpdate),
            StrategyTypes.Recreate => null,
            StrategyTypes.Canary => CanaryProblem(strategy.Canary),
            StrategyTypes.BlueGreen => string.IsNullOrWhiteSpace(strategy.BlueGreen?.ActiveService)
                ? "spec.strategy.blueGreen.activeService is required for strategy BlueGreen"
                : null,
            _ => $"spec.strategy.type \"{strategy.Type}\" is not one of RollingUpdate, Recreate, Canary, BlueGreen",
        };
    }

    private static string? RollingUpdateProblem(RollingUpdateDeployment? rollingUpdate) =>
        rollingUpdate?.MaxSurge is { IsCountOrPercent: false } surge ? $"spec.strategy.rollingUpdate.maxSurge \"{surge}\" is not a count or a percentage"
        : rollingUpdate?.MaxUnavailable is { IsCountOrPercent: false } unavailable ? $"spec.strategy.rollingUpdate.maxUnavailable \"{unavailable}\" is not a count or a percentage"
        : null;

    private static string? CanaryProblem(CanaryStrategy? canary)
    {
        if (canary?.MaxSurge is { IsCountOrPercent: false } surge)
            return $"spec.strategy.canary.maxSurge \"{surge}\" is not a count or a percentage";
        var steps = canary?.Steps ?? [];
        for (var i = 0; i < steps.Count; i++)
            if (StepProblem(steps[i]) is { } problem)
                return $"spec.strategy.canary.steps[{i}]: {problem}";
        return null;
    }

    private static string? StepProblem(CanaryStep step)
    {
        var kinds = (step.SetWeight is null ? 0 : 1) + (step.Pause is null ? 0 : 1) + (step.Analysis is null ? 0 : 1);
        if (kinds != 1) return "each step needs exactly one of setWeight, pause, analysis";
        if (step.SetWeight is < 0 or > 100) return $"setWeight {step.SetWeight} is not between 0 and 100";
        if (step.Pause?.Duration is { } duration && !Durations.TryParse(duration, out _))
            return $"pause.duration \"{duration}\" is not a duration such as 30s or 5m";
        return step.Analysis is { } analysis ? AnalysisProblem(analysis) : null;
    }

    private static string? AnalysisProblem(CanaryAnalysis analysis)
    {
        if (analysis.SuccessRate is null && analysis.LatencyP99 is null)
            return "analysis needs successRate, latencyP99 or both";
        if (analysis.SuccessRate is { Min: < 0 or > 1 } rate)
            return $"analysis.successRate.min {rate.Min} is not between 0 and 1";
        if (analysis.LatencyP99 is { } latency && !Durations.TryParse(latency.Max, out _))
            return $"analysis.latencyP99.max \"{latency.Max}\" is not a duration such as 500ms";
        if (analysis.Interval is { } interval && !Durations.TryParse(interval, out _))
            return $"analysis.interval \"{interval}\" is not a duration such as 30s";
        if (analysis.Count is < 1) return "analysis.count must be at least 1";
        if (analysis.FailureLimit is < 0) return "analysis.failureLimit must not be negative";
        if (analysis.MinRequests is < 0) return "analysis.minRequests must not be negative";
        return null;
    }
}
