namespace GitOrch.Api.Model;

/// <summary>
/// Where a Service is reached. The sync gives each Service it writes a cluster IP of its own
/// (spec.clusterIP), starting from one derived from its name; a Service stored before that has none and
/// is reached at the derived address. Node ports are derived from the name, so every node's proxy
/// agrees on them without asking; spec.ports[].nodePort wins when set.
/// </summary>
public static class ServiceAddresses
{
    public const string ClusterRange = "10.96.0.0/16";

    /// <summary>Where every node serves cluster DNS; never handed to a Service.</summary>
    public const string ClusterDns = "10.96.0.10";
    public const int FirstNodePort = 30000;
    public const int LastNodePort = 32767;

    /// <summary>Addresses handed out: 10.96.X.2 to 10.96.X.254 for every X, leaving .0, .1 and .255 of each block alone.</summary>
    private const int HostsPerBlock = 253;
    private const int Assignable = 256 * HostsPerBlock;

    public static bool InClusterRange(string address) =>
        Validation.KubeSyntax.IsIPv4(address) && Validation.KubeSyntax.IsInRange(address, ClusterRange);

    public static bool InNodePortRange(int port) => port is >= FirstNodePort and <= LastNodePort;

    /// <summary>The cluster IP, or null for a headless Service (clusterIP: None) and an ExternalName one.</summary>
    public static string? ClusterIP(Service service)
    {
        if (service.Spec.Type == "ExternalName") return null;
        if (service.Spec.ClusterIP is { Length: > 0 } fixedAddress)
            return fixedAddress == "None" ? null : fixedAddress;
        return CandidateClusterIPs(service).First();
    }

    /// <summary>The addresses to try for a Service without one, in order: the one derived from its name, then each after it.</summary>
    public static IEnumerable<string> CandidateClusterIPs(Service service)
    {
        var hash = Hash($"{service.Namespace ?? WellKnown.DefaultNamespace}/{service.Name}");
        var start = (int)(((hash >> 8) & 255) * HostsPerBlock + hash % HostsPerBlock);
        for (var offset = 0; offset < Assignable; offset++)
        {
            var index = (start + offset) % Assignable;
            var address = $"10.96.{index / HostsPerBlock}.{2 + index % HostsPerBlock}";
            if (address != ClusterDns) yield return address;
        }
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
