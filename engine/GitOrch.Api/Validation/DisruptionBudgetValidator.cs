using GitOrch.Api.Model;

namespace GitOrch.Api.Validation;

/// <summary>A PodDisruptionBudget: at most one of minAvailable and maxUnavailable, each a count or a percentage, and a valid selector.</summary>
internal static class DisruptionBudgetValidator
{
    public static void Validate(PodDisruptionBudgetSpec spec, Checks checks)
    {
        if (spec.MinAvailable is not null && spec.MaxUnavailable is not null)
            checks.Fail("spec.maxUnavailable", "cannot be set together with spec.minAvailable");
        DeploymentStrategyValidator.CountOrPercent("spec.minAvailable", spec.MinAvailable, checks);
        DeploymentStrategyValidator.CountOrPercent("spec.maxUnavailable", spec.MaxUnavailable, checks);
        checks.OneOf("spec.unhealthyPodEvictionPolicy", spec.UnhealthyPodEvictionPolicy, "IfHealthyBudget", "AlwaysAllow");
        if (spec.Selector is { } selector) WorkloadValidator.Selector(selector, "spec.selector", checks);
    }
}
