using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Engine.Reconciling;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Every node serves a LoadBalancer Service on its own address (see the agent's service proxy), so a
/// LoadBalancer Service's status.loadBalancer.ingress lists the InternalIPs of the ready nodes. Nodes
/// wake the Services only when one turns ready or not, or changes its address, not on every heartbeat.
/// </summary>
public sealed class LoadBalancerStatusController(ControllerContext context) : Controller(context)
{
    protected override KindInfo Primary => Kinds.Service;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Node];

    protected override IEnumerable<string> PrimaryKeysFor(KindInfo related, string key, KubeObject? before, KubeObject? after) =>
        Serving(before as Node) == Serving(after as Node) ? [] : AllKeys(null);

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (CachedPrimary<Service>(ns, name) is not { Spec.Type: "LoadBalancer" } service) return ReconcileResult.Done;
        var addresses = Context.Informers.For(Kinds.Node).Objects.OfType<Node>().Select(Serving).OfType<string>().Order(StringComparer.Ordinal);
        var wanted = new JsonObject { ["ingress"] = new JsonArray([.. addresses.Select(address => (JsonNode)new JsonObject { ["ip"] = address })]) };
        if (service.Status?.LoadBalancer?.ToJsonString() == wanted.ToJsonString()) return ReconcileResult.Done;
        await Client.PutStatusAsync(service, (service.Status ?? new ServiceStatus()) with { LoadBalancer = wanted }, cancellationToken);
        return ReconcileResult.Done;
    }

    /// <summary>The address a node serves load balancers at: its InternalIP while it is ready.</summary>
    private static string? Serving(Node? node) =>
        node is not null && NodeHeartbeats.Ready(node)?.Status == "True"
            ? node.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address
            : null;
}
