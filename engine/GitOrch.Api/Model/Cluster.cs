namespace GitOrch.Api.Model;

public sealed record Namespace : KubeObject
{
    public NamespaceSpec? Spec { get; init; }
    public NamespaceStatus? Status { get; init; }
}

public sealed record NamespaceSpec
{
    public List<string>? Finalizers { get; init; }
}

public sealed record NamespaceStatus
{
    public string? Phase { get; init; }
}

public sealed record Node : KubeObject
{
    public NodeSpec Spec { get; init; } = new();
    public NodeStatus? Status { get; init; }
}

public sealed record NodeSpec
{
    public bool? Unschedulable { get; init; }
    public List<Taint>? Taints { get; init; }
    public string? PodCIDR { get; init; }
}

public sealed record Taint
{
    public string Key { get; init; } = "";
    public string? Value { get; init; }
    public string Effect { get; init; } = "";
    public DateTimeOffset? TimeAdded { get; init; }
}

public sealed record NodeStatus
{
    public Dictionary<string, string>? Capacity { get; init; }
    public Dictionary<string, string>? Allocatable { get; init; }
    public List<Condition>? Conditions { get; init; }
    public List<NodeAddress>? Addresses { get; init; }
    public NodeSystemInfo? NodeInfo { get; init; }
    public NodeDaemonEndpoints? DaemonEndpoints { get; init; }
}

/// <summary>Where the node's agent serves logs, exec and metrics, at the node's InternalIP.</summary>
public sealed record NodeDaemonEndpoints
{
    public DaemonEndpoint? KubeletEndpoint { get; init; }
}

public sealed record DaemonEndpoint
{
    public int Port { get; init; }

    /// <summary>http, or https when the agent asks callers for a certificate from the cluster CA.</summary>
    public string? Scheme { get; init; }
}

public sealed record NodeAddress
{
    public string Type { get; init; } = "";
    public string Address { get; init; } = "";
}

public sealed record NodeSystemInfo
{
    public string? OperatingSystem { get; init; }
    public string? Architecture { get; init; }
    public string? ContainerRuntimeVersion { get; init; }
    public string? KubeletVersion { get; init; }
}
