using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Engine.Reconciling;

namespace GitOrch.Engine.Controllers;

/// <summary>Every ready node serves Ingresses on its address (see the agent's Ingress server), so each Ingress's status.loadBalancer.ingress lists them.</summary>
public sealed class IngressStatusController(ControllerContext context) : Controller(context)
{
    protected override KindInfo Primary => Kinds.Ingress;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Node];

    protected override IEnumerable<string> PrimaryKeysFor(KindInfo related, string key, KubeObject? before, KubeObject? after) =>
        ServingNodes.Address(before as Node) == ServingNodes.Address(after as Node) ? [] : AllKeys(null);

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (CachedPrimary<Ingress>(ns, name) is not { } ingress) return ReconcileResult.Done;
        var wanted = ServingNodes.Status(Context.Informers.For(Kinds.Node).Objects.OfType<Node>());
        if (ingress.Status?.LoadBalancer?.ToJsonString() == wanted.ToJsonString()) return ReconcileResult.Done;
        await Client.PutStatusAsync(ingress, (ingress.Status ?? new IngressStatus()) with { LoadBalancer = wanted }, cancellationToken);
        return ReconcileResult.Done;
    }
}
