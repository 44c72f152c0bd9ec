using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>A Service: its type, ports, node ports inside the node-port range and a cluster IP inside the service range.</summary>
internal static class ServiceValidator
{
    public static void Validate(ServiceSpec spec, Checks checks)
    {
        checks.OneOf("spec.type", spec.Type, "ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
        checks.Labels("spec.selector", spec.Selector);
        ClusterIP("spec.clusterIP", spec.ClusterIP, checks);
        for (var i = 0; i < (spec.ClusterIPs?.Count ?? 0); i++)
            ClusterIP(Index("spec.clusterIPs", i), spec.ClusterIPs![i], checks);
        checks.OneOf("spec.sessionAffinity", spec.SessionAffinity, "None", "ClientIP");
        checks.OneOf("spec.externalTrafficPolicy", spec.ExternalTrafficPolicy, "Cluster", "Local");
        checks.OneOf("spec.internalTrafficPolicy", spec.InternalTrafficPolicy, "Cluster", "Local");
        checks.OneOf("spec.ipFamilyPolicy", spec.IpFamilyPolicy, "SingleStack", "PreferDualStack", "RequireDualStack");
        for (var i = 0; i < (spec.IpFamilies?.Count ?? 0); i++)
            checks.OneOf(Index("spec.ipFamilies", i), spec.IpFamilies![i], "IPv4", "IPv6");
        if (spec.Type == "ExternalName")
        {
            checks.Require(spec.ExternalName is { Length: > 0 }, "spec.externalName", "is required for a Service of type ExternalName");
            checks.DnsSubdomain("spec.externalName", spec.ExternalName?.TrimEnd('.'));
        }
        else checks.Require(spec.ExternalName is null, "spec.externalName", $"may only be set on a Service of type ExternalName, not {spec.Type ?? "ClusterIP"}");
        for (var i = 0; i < (spec.LoadBalancerSourceRanges?.Count ?? 0); i++)
            checks.Require(System.Net.IPNetwork.TryParse(spec.LoadBalancerSourceRanges![i], out _), Index("spec.loadBalancerSourceRanges", i), $"\"{spec.LoadBalancerSourceRanges[i]}\" is not a CIDR such as 203.0.113.0/24");
        Ports(spec, checks);
    }

    private static void Ports(ServiceSpec spec, Checks checks)
    {
        var ports = spec.Ports ?? [];
        var takesNodePorts = spec.Type is "NodePort" or "LoadBalancer";
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var path = Index("spec.ports", i);
            checks.Port(Child(path, "port"), port.Port);
            checks.PortNumberOrName(Child(path, "targetPort"), port.TargetPort);
            checks.OneOf(Child(path, "protocol"), port.Protocol, ContainerValidator.Protocols);
            checks.DnsLabel(Child(path, "name"), port.Name is "" ? null : port.Name);
            if (ports.Count > 1 && string.IsNullOrEmpty(port.Name))
                checks.Fail(Child(path, "name"), "is required when a Service has more than one port");
            if (port.NodePort is { } nodePort and not 0)
            {
                if (!takesNodePorts)
                    checks.Fail(Child(path, "nodePort"), $"may only be set on a Service of type NodePort or LoadBalancer, not {spec.Type ?? "ClusterIP"}");
                else if (!ServiceAddresses.InNodePortRange(nodePort))
                    checks.Fail(Child(path, "nodePort"), $"{nodePort} must be inside the node-port range {ServiceAddresses.FirstNodePort}-{ServiceAddresses.LastNodePort}");
            }
        }
        checks.Unique("spec.ports", ports, "name", port => port.Name);
    }

    private static void ClusterIP(string path, string? address, Checks checks)
    {
        if (address is null or "" or "None") return;
        if (!ServiceAddresses.InClusterRange(address))
            checks.Fail(path, $"\"{address}\" must be None or an address inside the service range {ServiceAddresses.ClusterRange}");
        else if (address == ServiceAddresses.ClusterDns)
            checks.Fail(path, $"\"{address}\" is the cluster DNS address, which every node serves itself");
    }
}
