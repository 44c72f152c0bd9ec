using System.Text.Json;
using GitOrch.Api.Serialization;
using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Engine.Reconciling;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Controllers;

/// <summary>Keeps each Service's Endpoints: the IPs of the pods it selects, split into ready and not ready.</summary>
public sealed class EndpointsController(ControllerContext context) : Controller(context)
{
    protected override KindInfo Primary => Kinds.Service;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Pod];

    /// <summary>Services select pods by label, not by owner: a pod change wakes every Service in its namespace.</summary>
    protected override IEnumerable<string> PrimaryKeysFor(KindInfo related, string key, KubeObject? before, KubeObject? after) =>
        AllKeys(ObjectKeys.Parse(key).Namespace);

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var service = await Client.GetAsync<Service>(ns, name, cancellationToken);
        var existing = await Client.GetAsync<Endpoints>(ns, name, cancellationToken);
        // Without a selector the Endpoints are the user's; a deleted Service's go with the garbage collector.
        if (service?.Spec.Selector is not { Count: > 0 } selector) return ReconcileResult.Done;

        var pods = (await Client.ListAsync<Pod>(ns, new LabelSelector { MatchLabels = selector }, cancellationToken))
            .Where(pod => pod.Status?.PodIP is { Length: > 0 })
            .OrderBy(pod => pod.Name, StringComparer.Ordinal)
            .ToList();
        var subsets = pods.Count == 0 ? null : new List<EndpointSubset>
        {
            new()
            {
                Addresses = NullIfEmpty(pods.Where(PodConditions.IsReady).Select(pod => Address(pod, service)).ToList()),
                NotReadyAddresses = NullIfEmpty(pods.Where(pod => !PodConditions.IsReady(pod)).Select(pod => Address(pod, service)).ToList()),
                Ports = service.Spec.Ports?.Select(port => Port(port, pods[0])).ToList(),
            },
        };

        if (existing is null)
            await Client.CreateAsync(NewEndpoints(service, subsets), cancellationToken);
        else if (!SameSubsets(existing.Subsets, subsets))
            await Client.UpdateAsync(existing with { Subsets = subsets }, existing, cancellationToken);
        return ReconcileResult.Done;
    }

    private static Endpoints NewEndpoints(Service service, List<EndpointSubset>? subsets) => new()
    {
        ApiVersion = Kinds.Endpoints.ApiVersion,
        Kind = Kinds.Endpoints.Kind,
        Metadata = new ObjectMeta
        {
            Name = service.Name,
            Namespace = service.Namespace,
            Labels = service.Metadata.Labels,
            OwnerReferences = [service.AsControllerReference()],
        },
        Subsets = subsets,
    };

    /// <summary>A pod that names the Service as its subdomain has its hostname in the address, which cluster DNS serves as HOSTNAME.SERVICE.</summary>
    private static EndpointAddress Address(Pod pod, Service service) => new()
    {
        Ip = pod.Status!.PodIP!,
        Hostname = pod.Spec.Subdomain == service.Name ? pod.Spec.Hostname : null,
        NodeName = pod.Spec.NodeName,
        TargetRef = new ObjectReference { Kind = pod.Kind, Namespace = pod.Namespace, Name = pod.Name, Uid = pod.Metadata.Uid },
    };

    private static EndpointPort Port(ServicePort port, Pod pod) =>
        new() { Name = port.Name, Port = ServiceAddresses.TargetPort(port, pod) ?? port.Port, Protocol = port.Protocol ?? "TCP" };

    private static List<EndpointAddress>? NullIfEmpty(List<EndpointAddress> addresses) => addresses.Count == 0 ? null : addresses;

    private static bool SameSubsets(List<EndpointSubset>? a, List<EndpointSubset>? b) =>
        JsonSerializer.Serialize(a, ObjectJson.Options) == JsonSerializer.Serialize(b, ObjectJson.Options);
}
