using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>A Deployment's strategy: its type, and every Canary step or BlueGreen field.</summary>
internal static class DeploymentStrategyValidator
{
    public static void Validate(DeploymentStrategy? strategy, string path, Checks checks)
    {
        if (strategy is null) return;
        switch (strategy.Type)
        {
            case null or StrategyTypes.RollingUpdate:
                CountOrPercent(Child(Child(path, "rollingUpdate"), "maxSurge"), strategy.RollingUpdate?.MaxSurge, checks);
                CountOrPercent(Child(Child(path, "rollingUpdate"), "maxUnavailable"), strategy.RollingUpdate?.MaxUnavailable, checks);
                break;
            case StrategyTypes.Recreate:
                break;
            case StrategyTypes.Canary:
                Canary(strategy.Canary, Child(path, "canary"), checks);
                break;
            case StrategyTypes.BlueGreen:
                checks.Require(!string.IsNullOrWhiteSpace(strategy.BlueGreen?.ActiveService), Child(Child(path, "blueGreen"), "activeService"),
                    "is required for strategy BlueGreen");
                break;
            default:
                checks.OneOf(Child(path, "type"), strategy.Type, StrategyTypes.RollingUpdate, StrategyTypes.Recreate, StrategyTypes.Canary, StrategyTypes.BlueGreen);
                break;
        }
    }

    /// <summary>Exactly what <see cref="IntOrString.Scaled"/> can read: a whole count or a whole percentage.</summary>
    public static void CountOrPercent(string path, IntOrString? value, Checks checks)
    {
        if (value is { IsCountOrPercent: false })
            checks.Fail(path, $"\"{value}\" is not a count or a percentage such as 1 or 25%");
        else if (value is { IsInt: true } && value.AsInt() < 0)
            checks.Fail(path, $"{value} must not be negative");
    }

    private static void Canary(CanaryStrategy? canary, string path, Checks checks)
    {
        CountOrPercent(Child(path, "maxSurge"), canary?.MaxSurge, checks);
        var steps = canary?.Steps ?? [];
        for (var i = 0; i < steps.Count; i++)
            Step(steps[i], Index(Child(path, "steps"), i), checks);
    }

    private static void Step(CanaryStep step, string path, Checks checks)
    {
        var kinds = (step.SetWeight is null ? 0 : 1) + (step.Pause is null ? 0 : 1) + (step.Analysis is null ? 0 : 1);
        checks.Require(kinds == 1, path, "each step needs exactly one of setWeight, pause, analysis");
        if (step.SetWeight is < 0 or > 100) checks.Fail(Child(path, "setWeight"), $"{step.SetWeight} is not between 0 and 100");
        Duration(Child(Child(path, "pause"), "duration"), step.Pause?.Duration, "30s or 5m", checks);
        if (step.Analysis is { } analysis) Analysis(analysis, Child(path, "analysis"), checks);
    }

    private static void Analysis(CanaryAnalysis analysis, string path, Checks checks)
    {
        checks.Require(analysis.SuccessRate is not null || analysis.LatencyP99 is not null, path, "analysis needs successRate, latencyP99 or both");
        if (analysis.SuccessRate is { Min: < 0 or > 1 } rate) checks.Fail(Child(Child(path, "successRate"), "min"), $"{rate.Min} is not between 0 and 1");
        Duration(Child(Child(path, "latencyP99"), "max"), analysis.LatencyP99?.Max, "500ms", checks);
        Duration(Child(path, "interval"), analysis.Interval, "30s", checks);
        checks.AtLeast(Child(path, "count"), analysis.Count, 1);
        checks.NotNegative(Child(path, "failureLimit"), analysis.FailureLimit);
        checks.NotNegative(Child(path, "minRequests"), analysis.MinRequests);
    }

    private static void Duration(string path, string? value, string example, Checks checks)
    {
        if (value is not null && !Durations.TryParse(value, out _))
            checks.Fail(path, $"\"{value}\" is not a duration such as {example}");
    }
}
