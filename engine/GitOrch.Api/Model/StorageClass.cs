namespace GitOrch.Api.Model;

/// <summary>
/// How claims of one class get their volumes. GitOrch provisions <c>gitorch.io/local-path</c>: a
/// directory on the node where the claim's first pod lands (WaitForFirstConsumer) or on a node the
/// cluster picks (Immediate). Claims of another provisioner's class stay Pending.
/// </summary>
public sealed record StorageClass : KubeObject
{
    public string Provisioner { get; init; } = "";
    public Dictionary<string, string>? Parameters { get; init; }
    /// <summary>Delete (the default) or Retain: what happens to a provisioned volume when its claim is deleted.</summary>
    public string? ReclaimPolicy { get; init; }
    /// <summary>Immediate (the default) or WaitForFirstConsumer.</summary>
    public string? VolumeBindingMode { get; init; }
    public bool? AllowVolumeExpansion { get; init; }
    public List<string>? MountOptions { get; init; }
    public List<TopologySelectorTerm>? AllowedTopologies { get; init; }
}

public sealed record TopologySelectorTerm
{
    public List<TopologySelectorRequirement>? MatchLabelExpressions { get; init; }
}

public sealed record TopologySelectorRequirement
{
    public string Key { get; init; } = "";
    public List<string> Values { get; init; } = [];
}
