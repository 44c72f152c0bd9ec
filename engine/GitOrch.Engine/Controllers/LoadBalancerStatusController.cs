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
        ServingNodes.Address(before as Node) == ServingNodes.Address(after as Node) ? [] : AllKeys(null);

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (CachedPrimary<Service>(ns, name) is not { Spec.Type: "LoadBalancer" } service) return ReconcileResult.Done;
        var wanted = ServingNodes.Status(Context.Informers.For(Kinds.Node).Objects.OfType<Node>());
        if (service.Status?.LoadBalancer?.ToJsonString() == wanted.ToJsonString()) return ReconcileResult.Done;
        await Client.PutStatusAsync(service, (service.Status ?? new ServiceStatus()) with { LoadBalancer = wanted }, cancellationToken);
        return ReconcileResult.Done;
    }
}
