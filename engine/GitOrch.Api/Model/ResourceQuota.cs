namespace GitOrch.Api.Model;

/// <summary>
/// Caps what one namespace may hold: the sums of its pods' cpu and memory requests and limits, its
/// claims' storage, and how many pods, services, secrets, configmaps and claims it has. A pod that
/// would go past a cap is not created; its owner gets a FailedCreate event with the quota's message.
/// </summary>
public sealed record ResourceQuota : KubeObject
{
    public ResourceQuotaSpec Spec { get; init; } = new();
    public ResourceQuotaStatus? Status { get; init; }
}

public sealed record ResourceQuotaSpec
{
    /// <summary>Each capped resource and its cap: <c>requests.cpu</c>, <c>limits.memory</c>, <c>pods</c>, <c>requests.storage</c>, …</summary>
    public Dictionary<string, string>? Hard { get; init; }
}

public sealed record ResourceQuotaStatus
{
    public Dictionary<string, string>? Hard { get; init; }

    /// <summary>How much of each capped resource the namespace holds now.</summary>
    public Dictionary<string, string>? Used { get; init; }
}
