using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;

namespace GitOrch.Agent.Proxy;

/// <summary>The backends of one service port: the ready addresses of the Service's Endpoints, each with the port the Endpoints give it.</summary>
public static class ServiceBackends
{
    public static List<Backend> Of(Service service, ServicePort port, Endpoints? endpoints, Func<string, Pod?> podOf)
    {
        var backends = new List<Backend>();
        foreach (var subset in endpoints?.Subsets ?? [])
        {
            if (TargetPort(service, port, subset) is not { } target) continue;
            foreach (var address in subset.Addresses ?? [])
            {
                var pod = address.TargetRef is { Kind: "Pod", Name: { } podName } ? podOf(ObjectKeys.For(Kinds.Pod, service.Namespace, podName)) : null;
                backends.Add(new Backend(address.TargetRef?.Name ?? address.Ip, pod?.Metadata.Labels?.GetValueOrDefault(WellKnown.PodTemplateHash) ?? "", address.Ip, target, address.NodeName));
            }
        }
        return [.. backends.OrderBy(backend => backend.Pod, StringComparer.Ordinal)];
    }

    /// <summary>The Endpoints port of the same name; a Service with one port matches an Endpoints subset with one port whatever its name.</summary>
    private static int? TargetPort(Service service, ServicePort port, EndpointSubset subset)
    {
        var ports = subset.Ports ?? [];
        if (ports.FirstOrDefault(p => p.Name == port.Name && (p.Protocol ?? "TCP") == "TCP") is { } named) return named.Port;
        return service.Spec.Ports?.Count == 1 && ports.Count == 1 ? ports[0].Port : null;
    }
}
