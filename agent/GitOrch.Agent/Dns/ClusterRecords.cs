using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Dns;

/// <summary>
/// The records of the cluster's names, from the agent's watch caches (CoreDNS's kubernetes plugin):
/// <list type="bullet">
/// <item><c>SERVICE.NS.svc.cluster.local</c>: the cluster IP; a headless Service's ready pods; an ExternalName's CNAME.</item>
/// <item><c>HOSTNAME.SERVICE.NS.svc.cluster.local</c>: the pod whose hostname and subdomain name it, as a StatefulSet's pods do.</item>
/// <item><c>_PORT._PROTOCOL.SERVICE.NS.svc.cluster.local</c>: SRV records of a named port.</item>
/// </list>
/// Names outside the cluster domain get null, for the caller to forward.
/// </summary>
public sealed class ClusterRecords(Func<string, string, Service?> serviceOf, Func<string, string, Endpoints?> endpointsOf)
{
    public const string Domain = "cluster.local";

    /// <summary>Short, so that a name follows its pod soon after the pod moves.</summary>
    public const int TimeToLive = 5;

    public sealed record Answer(ReturnCode Code, IReadOnlyList<DnsRecordBase> Records);

    private static readonly Answer NotFound = new(ReturnCode.NxDomain, []);

    public Answer? Resolve(DomainName name, RecordType type)
    {
        var labels = name.ToString().TrimEnd('.').ToLowerInvariant().Split('.');
        var domain = Domain.Split('.');
        if (labels.Length < domain.Length || !labels[^domain.Length..].SequenceEqual(domain)) return null;
        var rest = labels[..^domain.Length];
        if (rest.Length < 3 || rest[^1] != "svc") return NotFound;
        var (ns, serviceName) = (rest[^2], rest[^3]);
        if (serviceOf(ns, serviceName) is not { } service) return NotFound;
        return rest.Length switch
        {
            3 => ServiceRecords(name, type, service),
            4 => HostRecords(name, type, service, rest[0]),
            5 when rest[0].StartsWith('_') && rest[1].StartsWith('_') => PortRecords(name, type, service, rest[0][1..], rest[1][1..]),
            _ => NotFound,
        };
    }

    private Answer ServiceRecords(DomainName name, RecordType type, Service service)
    {
        if (service.Spec.Type == "ExternalName")
            return Found(new CNameRecord(name, TimeToLive, DomainName.Parse(service.Spec.ExternalName!)));
        if (type is not (RecordType.A or RecordType.Any)) return Found();
        if (ServiceAddresses.ClusterIP(service) is { } clusterIP)
            return Found(new ARecord(name, TimeToLive, IPAddress.Parse(clusterIP)));
        return Found(ReadyAddresses(service).Select(address => (DnsRecordBase)new ARecord(name, TimeToLive, IPAddress.Parse(address.Ip))).ToArray());
    }

    private Answer HostRecords(DomainName name, RecordType type, Service service, string hostname)
    {
        var addresses = ReadyAddresses(service).Where(address => address.Hostname == hostname).ToList();
        if (addresses.Count == 0) return NotFound;
        return type is RecordType.A or RecordType.Any
            ? Found(addresses.Select(address => (DnsRecordBase)new ARecord(name, TimeToLive, IPAddress.Parse(address.Ip))).ToArray())
            : Found();
    }

    private Answer PortRecords(DomainName name, RecordType type, Service service, string portName, string protocol)
    {
        var port = service.Spec.Ports?.FirstOrDefault(p => p.Name == portName && (p.Protocol ?? "TCP").Equals(protocol, StringComparison.OrdinalIgnoreCase));
        if (port is null) return NotFound;
        if (type is not (RecordType.Srv or RecordType.Any)) return Found();
        var serviceName = DomainName.Parse($"{service.Name}.{service.Namespace}.svc.{Domain}");
        if (ServiceAddresses.ClusterIP(service) is not null)
            return Found(new SrvRecord(name, TimeToLive, 0, 100, (ushort)port.Port, serviceName));
        var endpointPort = (ushort)(EndpointPortOf(service, portName) ?? port.Port);
        return Found(ReadyAddresses(service).Where(address => address.Hostname is not null)
            .Select(address => (DnsRecordBase)new SrvRecord(name, TimeToLive, 0, 100, endpointPort, DomainName.Parse($"{address.Hostname}.{serviceName}"))).ToArray());
    }

    /// <summary>The pods behind the Service that may take traffic, and also those not ready when the Service publishes them.</summary>
    private IEnumerable<EndpointAddress> ReadyAddresses(Service service)
    {
        var subsets = endpointsOf(service.Namespace ?? WellKnown.DefaultNamespace, service.Name)?.Subsets ?? [];
        return subsets.SelectMany(subset => (subset.Addresses ?? [])
            .Concat(service.Spec.PublishNotReadyAddresses == true ? subset.NotReadyAddresses ?? [] : []));
    }

    private int? EndpointPortOf(Service service, string portName) =>
        endpointsOf(service.Namespace ?? WellKnown.DefaultNamespace, service.Name)?.Subsets?.SelectMany(s => s.Ports ?? []).FirstOrDefault(p => p.Name == portName)?.Port;

    private static Answer Found(params DnsRecordBase[] records) => new(ReturnCode.NoError, records);
}
