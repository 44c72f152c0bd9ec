using GitOrch.Api.Model;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>
/// A blue-green release before promotion: the new set comes up in full beside the old one; the preview
/// Service sends everything to it while the active Service stays on the old one.
/// </summary>
public sealed class BlueGreenPreview(TrafficSplit split, ReplicaSetScaler scaler) : IRolloutStrategy
{
    public Task<IReadOnlyList<Service>> ServicesAsync(RolloutState state, CancellationToken cancellationToken)
    {
        var spec = Spec(state);
        return split.NamedAsync(state.Namespace, [spec.ActiveService, spec.PreviewService], cancellationToken);
    }

    public ProgressiveRolloutStatus Promote(RolloutState state, ProgressiveRolloutStatus status) =>
        status with { Phase = RolloutPhases.Promoting };

    public async Task<RolloutOutcome> WalkAsync(RolloutState state, ProgressiveRolloutStatus status, IReadOnlyList<Service> services, CancellationToken cancellationToken)
    {
        var spec = Spec(state);
        var progressed = await scaler.ScaleReleaseAsync(state, state.Desired, state.Desired, cancellationToken);
        await split.SetAsync(services.Where(s => s.Name == spec.ActiveService), TrafficSplit.AllTo(state.StableHash!), cancellationToken);
        await split.SetAsync(services.Where(s => s.Name == spec.PreviewService && s.Name != spec.ActiveService), TrafficSplit.AllTo(state.CurrentHash), cancellationToken);

        var available = RolloutState.Available(state.Current);
        var next = available < state.Desired
            ? status with { Phase = RolloutPhases.Progressing, Message = $"preview: {available} of {state.Desired} new pods available" }
            : spec.AutoPromotionEnabled ?? true
                ? status with { Phase = RolloutPhases.Promoting }
                : status with { Phase = RolloutPhases.Paused, Message = "the preview is ready; run gitorch rollout promote to switch the active Service" };
        return new RolloutOutcome(next, progressed, null);
    }

    private static BlueGreenStrategy Spec(RolloutState state) => state.Deployment.Spec.Strategy?.BlueGreen ?? new BlueGreenStrategy();
}
