using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Nodes;

/// <summary>
/// Whether evicting a pod now keeps every PodDisruptionBudget that selects it, counted as Kubernetes
/// counts: the pods a budget selects are expected, the ready ones healthy, and a percentage is of the
/// expected pods, rounded up.
/// </summary>
public static class DisruptionBudgets
{
    /// <returns>Null when the eviction may go ahead; otherwise why not, naming the budget.</returns>
    public static string? WhyNotEvict(Pod pod, IEnumerable<PodDisruptionBudget> budgets, IReadOnlyList<Pod> podsInNamespace)
    {
        foreach (var budget in budgets.Where(budget => budget.Spec.Selector is { } selector && selector.Matches(pod.Labels)))
        {
            var selected = podsInNamespace.Where(other => budget.Spec.Selector!.Matches(other.Labels) && !PodConditions.IsFinished(other)).ToList();
            var healthy = selected.Count(PodConditions.IsReady);
            if (DesiredHealthy(budget.Spec, selected.Count) is not { } desired) continue;
            var allowed = PodConditions.IsReady(pod)
                ? healthy - 1 >= desired
                : budget.Spec.UnhealthyPodEvictionPolicy == "AlwaysAllow" || healthy >= desired;
            if (!allowed)
                return $"it would violate PodDisruptionBudget {budget.Namespace}/{budget.Name} ({healthy} healthy, {desired} needed)";
        }
        return null;
    }

    /// <summary>How many selected pods must stay healthy; null when the budget sets neither bound.</summary>
    private static int? DesiredHealthy(PodDisruptionBudgetSpec spec, int expected) =>
        spec.MinAvailable is { } min ? min.Scaled(expected, roundUp: true)
        : spec.MaxUnavailable is { } max ? expected - max.Scaled(expected, roundUp: true)
        : null;
}
