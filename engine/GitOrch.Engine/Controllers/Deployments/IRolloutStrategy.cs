using GitOrch.Api.Model;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>
/// What tells a Canary from a BlueGreen release: which Services it steers, what promote means before
/// the end, and how it walks towards promotion. Settling, aborting and promoting are shared.
/// </summary>
public interface IRolloutStrategy
{
    Task<IReadOnlyList<Service>> ServicesAsync(RolloutState state, CancellationToken cancellationToken);

    /// <summary>The progress after <c>gitorch rollout promote</c> (without --full).</summary>
    ProgressiveRolloutStatus Promote(RolloutState state, ProgressiveRolloutStatus status);

    /// <summary>
    /// Moves the release on as far as it can now, scaling its sets and weighting its Services. It ends
    /// in phase Promoting when the release is ready to be promoted, or Aborted when analysis failed.
    /// </summary>
    Task<RolloutOutcome> WalkAsync(RolloutState state, ProgressiveRolloutStatus status, IReadOnlyList<Service> services, CancellationToken cancellationToken);
}
