namespace GitOrch.Api.Model;

/// <summary>
/// Where a Service is reached. Without an allocator in the store, a Service's cluster IP and node
/// ports are derived from its name, so every node's proxy and every pod agree on them without asking:
/// spec.clusterIP and spec.ports[].nodePort win when set.
/// </summary>
public static class ServiceAddresses
{
    public const string ClusterRange = "10.96.0.0/16";
    public const int FirstNodePort = 30000;
    public const int LastNodePort = 32767;

    public static bool InClusterRange(string address) =>
        Validation.KubeSyntax.IsIPv4(address) && Validation.KubeSyntax.IsInRange(address, ClusterRange);

    public static bool InNodePortRange(int port) => port is >= FirstNodePort and <= LastNodePort;

    /// <summary>The cluster IP, or null for a headless Service (clusterIP: None).</summary>
    public static string? ClusterIP(Service service)
    {
        if (service.Spec.ClusterIP is { Length: > 0 } fixedAddress)
            return fixedAddress == "None" ? null : fixedAddress;
        var hash = Hash($"{service.Namespace ?? WellKnown.DefaultNamespace}/{service.Name}");
        return $"10.96.{(hash >> 8) & 255}.{2 + hash % 253}";
    }

    /// <summary>The node port of one service port, or null unless the Service is NodePort or LoadBalancer.</summary>
    public static int? NodePort(Service service, ServicePort port)
    {
        if (service.Spec.Type is not ("NodePort" or "LoadBalancer")) return null;
        if (port.NodePort is { } fixedPort) return fixedPort;
        var hash = Hash($"{service.Namespace ?? WellKnown.DefaultNamespace}/{service.Name}/{port.Port}");
        return FirstNodePort + (int)(hash % (LastNodePort - FirstNodePort + 1));
    }

    /// <summary>The pod port a service port forwards to: a named targetPort resolves against the pod's container ports (null when the pod has none of that name); no targetPort means the service port.</summary>
    public static int? TargetPort(ServicePort port, Pod pod) =>
        port.TargetPort is not { } target ? port.Port
        : target.IsInt ? target.AsInt()
        : pod.Spec.Containers.SelectMany(c => c.Ports ?? []).FirstOrDefault(p => p.Name == target.Value)?.ContainerPort;

    /// <summary>FNV-1a: stable across processes and machines, unlike string.GetHashCode.</summary>
    private static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
