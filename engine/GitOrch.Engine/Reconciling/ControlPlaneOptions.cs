namespace GitOrch.Engine.Reconciling;

/// <summary>The control plane's tunables, with Kubernetes' defaults where it has one.</summary>
public sealed record ControlPlaneOptions
{
    /// <summary>Workers per controller; each key is still reconciled by one worker at a time.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>How often every object is looked at again, in case an event was missed.</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A node without a heartbeat for this long turns Ready=Unknown and is tainted unreachable.</summary>
    public TimeSpan NodeGracePeriod { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>How long an unreachable node keeps its pods before they are deleted and replaced elsewhere.</summary>
    public TimeSpan PodEvictionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long events are kept.</summary>
    public TimeSpan EventTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The pod address range, cut into one block per node.</summary>
    public Api.Model.PodNetworkRanges PodNetwork { get; init; } = Api.Model.PodNetworkRanges.Default;
}
