using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Cli.Output;

/// <summary>Where a Canary or BlueGreen release of the Deployment's current template stands, in words.</summary>
public static class ReleaseProgress
{
    /// <returns>Null when no release of the current template is under way or aborted: the plain rollout checks then apply.</returns>
    public static (bool Done, bool Failed, string Message)? Describe(Deployment deployment)
    {
        if (deployment.Status?.Rollout is not { } rollout || rollout.CanaryHash != CurrentHash(deployment)) return null;
        var name = deployment.Name;
        if (rollout.Phase == RolloutPhases.Aborted)
            return (true, true, $"deployment \"{name}\" release aborted: {rollout.Message}");
        return (false, false, $"deployment \"{name}\" {Where(deployment, rollout)}: {rollout.Message ?? rollout.Phase.ToLowerInvariant()}");
    }

    /// <summary>Whether the release of the Deployment's current template was aborted.</summary>
    public static bool IsAborted(Deployment deployment) => Describe(deployment) is (true, true, _);

    public static string CurrentHash(Deployment deployment) => TemplateHash.Of(DeploymentRevisions.EffectiveTemplate(deployment));

    /// <summary>"canary step 2/4 (analysis), weight 25%", or "blue-green preview".</summary>
    private static string Where(Deployment deployment, ProgressiveRolloutStatus rollout)
    {
        if (deployment.Spec.Strategy?.Type == StrategyTypes.BlueGreen)
            return rollout.Phase == RolloutPhases.Promoting ? "blue-green promoting" : "blue-green preview";
        var steps = deployment.Spec.Strategy?.Canary?.Steps ?? [];
        if (rollout.CurrentStep >= steps.Count) return $"canary promoting, weight {rollout.Weight}%";
        var step = steps[rollout.CurrentStep];
        var kind = step.SetWeight is { } weight ? $"setWeight {weight}" : step.Pause is not null ? "pause" : "analysis";
        return $"canary step {rollout.CurrentStep + 1}/{steps.Count} ({kind}), weight {rollout.Weight}%";
    }
}
