using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>
/// Runs a Canary or BlueGreen release: the stable set keeps serving while the new one is walked towards
/// promotion by its strategy. This class holds what both share: a user's promote, abort and retry;
/// settling on one version; abort (traffic back to stable first, then the new pods go); and promotion
/// (all traffic to the new version once it is fully available, then the old pods go).
/// </summary>
public sealed class ProgressiveRollout
{
    public const string AbortedReason = "RolloutAborted";
    public const string PromotedReason = "RolloutPromoted";
    private const int KeptMeasurements = 20;

    private readonly EventRecorder _events;
    private readonly ReplicaSetScaler _scaler;
    private readonly TrafficSplit _split;
    private readonly CanarySteps _canary;
    private readonly BlueGreenPreview _blueGreen;

    public ProgressiveRollout(ObjectClient client, EventRecorder events, ReplicaSetScaler scaler)
    {
        _events = events;
        _scaler = scaler;
        _split = new TrafficSplit(client);
        _canary = new CanarySteps(_split, new ClusterTraffic(client.Store), scaler);
        _blueGreen = new BlueGreenPreview(_split, scaler);
    }

    public async Task<RolloutOutcome> ReconcileAsync(RolloutState state, string? action, CancellationToken cancellationToken)
    {
        var strategy = StrategyFor(state.Deployment);
        var services = await strategy.ServicesAsync(state, cancellationToken);
        if (!state.IsReleasing) return await SettleAsync(state, services, cancellationToken);

        var status = state.Status.CanaryHash == state.CurrentHash ? state.Status : Fresh(state);
        status = action switch
        {
            RolloutActions.Abort when status.Phase != RolloutPhases.Aborted => status with { Phase = RolloutPhases.Aborted, Message = "aborted by gitorch rollout abort" },
            RolloutActions.Retry when status.Phase == RolloutPhases.Aborted => Fresh(state) with { Measurements = status.Measurements },
            RolloutActions.PromoteFull when status.Phase != RolloutPhases.Aborted => status with { Phase = RolloutPhases.Promoting },
            RolloutActions.Promote when status.Phase != RolloutPhases.Aborted => strategy.Promote(state, status),
            _ => status,
        };

        var outcome = status.Phase switch
        {
            RolloutPhases.Aborted => await AbortAsync(state, status, services, cancellationToken),
            RolloutPhases.Promoting => await PromoteAsync(state, status, services, cancellationToken),
            _ => await strategy.WalkAsync(state, status, services, cancellationToken),
        };
        if (outcome.Status.Phase == RolloutPhases.Promoting && status.Phase != RolloutPhases.Promoting)
            outcome = await PromoteAsync(state, outcome.Status, services, cancellationToken) with { Progressed = true };
        else if (outcome.Status.Phase == RolloutPhases.Aborted && status.Phase != RolloutPhases.Aborted)
            outcome = await AbortAsync(state, outcome.Status, services, cancellationToken);

        var wasAborted = state.Status.Phase == RolloutPhases.Aborted && state.Status.CanaryHash == state.CurrentHash;
        if (outcome.Status.Phase == RolloutPhases.Aborted && !wasAborted)
            await _events.RecordAsync(state.Deployment, EventTypes.Warning, AbortedReason, $"Release of replicaset {state.Current.Name} aborted: {outcome.Status.Message}", cancellationToken);
        return outcome with { Status = Trimmed(outcome.Status) };
    }

    private IRolloutStrategy StrategyFor(Deployment deployment) =>
        deployment.Spec.Strategy?.Type == StrategyTypes.BlueGreen ? _blueGreen : _canary;

    private static ProgressiveRolloutStatus Fresh(RolloutState state) => new()
    {
        StableHash = state.StableHash,
        CanaryHash = state.CurrentHash,
        Phase = RolloutPhases.Progressing,
        StepStartedAt = state.Now,
    };

    /// <summary>One version serves everything: the current one, once the others' pods are gone.</summary>
    private async Task<RolloutOutcome> SettleAsync(RolloutState state, IReadOnlyList<Service> services, CancellationToken cancellationToken)
    {
        var progressed = await _scaler.ScaleReleaseAsync(state, state.Desired, 0, cancellationToken);
        await _split.SetAsync(services, state.Outgoing.Any(RolloutState.HasPods) ? TrafficSplit.AllTo(state.CurrentHash) : null, cancellationToken);
        var status = state.Status with { StableHash = state.CurrentHash, CanaryHash = null, Phase = RolloutPhases.Healthy, Weight = 0, AnalysisBaseline = null };
        return new RolloutOutcome(status, progressed, null);
    }

    /// <summary>Traffic goes back to stable before anything else, then the new pods are removed.</summary>
    private async Task<RolloutOutcome> AbortAsync(RolloutState state, ProgressiveRolloutStatus status, IReadOnlyList<Service> services, CancellationToken cancellationToken)
    {
        await _split.SetAsync(services, TrafficSplit.AllTo(state.StableHash!), cancellationToken);
        var progressed = await _scaler.ScaleReleaseAsync(state, 0, state.Desired, cancellationToken);
        return new RolloutOutcome(status with { Weight = 0, AnalysisBaseline = null }, progressed, null);
    }

    /// <summary>The new set grows to full size; then it takes all traffic; then the old pods go and it becomes stable.</summary>
    private async Task<RolloutOutcome> PromoteAsync(RolloutState state, ProgressiveRolloutStatus status, IReadOnlyList<Service> services, CancellationToken cancellationToken)
    {
        status = status with { Phase = RolloutPhases.Promoting, AnalysisBaseline = null };
        var progressed = await _scaler.ScaleAsync(state.Deployment, state.Current, state.Desired, cancellationToken);
        if (RolloutState.Available(state.Current) < state.Desired)
            return new RolloutOutcome(status with { Message = $"promoting: {RolloutState.Available(state.Current)} of {state.Desired} new pods available" }, progressed, null);

        await _split.SetAsync(services, TrafficSplit.AllTo(state.CurrentHash), cancellationToken);
        progressed |= await _scaler.ScaleReleaseAsync(state, state.Desired, 0, cancellationToken);
        if (state.Outgoing.Any(set => (set.Status?.Replicas ?? 0) > 0))
            return new RolloutOutcome(status with { Weight = 100, Message = "promoting: all traffic on the new version; old pods stopping" }, progressed, null);

        await _split.SetAsync(services, null, cancellationToken);
        await _events.RecordAsync(state.Deployment, EventTypes.Normal, PromotedReason, $"Replicaset {state.Current.Name} promoted to stable", cancellationToken);
        var promoted = status with { StableHash = state.CurrentHash, CanaryHash = null, Phase = RolloutPhases.Healthy, Weight = 0, Message = $"promoted {state.Current.Name}" };
        return new RolloutOutcome(promoted, true, null);
    }

    private static ProgressiveRolloutStatus Trimmed(ProgressiveRolloutStatus status) =>
        status.Measurements is { Count: > KeptMeasurements } measurements
            ? status with { Measurements = measurements[^KeptMeasurements..] }
            : status;
}
