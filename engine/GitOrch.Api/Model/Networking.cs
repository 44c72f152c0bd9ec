namespace GitOrch.Api.Model;

public sealed record Service : KubeObject
{
    public ServiceSpec Spec { get; init; } = new();
    public ServiceStatus? Status { get; init; }
}

public sealed record ServiceSpec
{
    public string? Type { get; init; }
    public Dictionary<string, string>? Selector { get; init; }
    public List<ServicePort>? Ports { get; init; }
    public string? ClusterIP { get; init; }
    public List<string>? ClusterIPs { get; init; }
    public string? SessionAffinity { get; init; }
    public string? ExternalTrafficPolicy { get; init; }
    public string? InternalTrafficPolicy { get; init; }
    public List<string>? IpFamilies { get; init; }
    public string? IpFamilyPolicy { get; init; }
    public bool? PublishNotReadyAddresses { get; init; }
    public string? ExternalName { get; init; }
    public List<string>? LoadBalancerSourceRanges { get; init; }
}

public sealed record ServicePort
{
    public string? Name { get; init; }
    public string? Protocol { get; init; }
    public int Port { get; init; }
    public IntOrString? TargetPort { get; init; }
    public int? NodePort { get; init; }
    public string? AppProtocol { get; init; }
}

public sealed record ServiceStatus
{
    public System.Text.Json.Nodes.JsonObject? LoadBalancer { get; init; }
}

public sealed record Endpoints : KubeObject
{
    public List<EndpointSubset>? Subsets { get; init; }
}

public sealed record EndpointSubset
{
    public List<EndpointAddress>? Addresses { get; init; }
    public List<EndpointAddress>? NotReadyAddresses { get; init; }
    public List<EndpointPort>? Ports { get; init; }
}

public sealed record EndpointAddress
{
    public string Ip { get; init; } = "";
    public string? Hostname { get; init; }
    public string? NodeName { get; init; }
    public ObjectReference? TargetRef { get; init; }
}

public sealed record EndpointPort
{
    public string? Name { get; init; }
    public int Port { get; init; }
    public string? Protocol { get; init; }
}

public sealed record ObjectReference
{
    public string? Kind { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public string? Uid { get; init; }
}
