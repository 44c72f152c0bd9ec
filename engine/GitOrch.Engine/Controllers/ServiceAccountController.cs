using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Gives every namespace a ServiceAccount named <c>default</c>, as Kubernetes' service account controller
/// does: each declared Namespace, and the <c>default</c> namespace, which exists without one. A deleted
/// default account comes back.
/// </summary>
public sealed class ServiceAccountController(ControllerContext context) : Controller(context)
{
    protected override KindInfo Primary => Kinds.Namespace;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.ServiceAccount];
    protected override IEnumerable<string> StandingKeys => [ObjectKeys.For(Kinds.Namespace, null, WellKnown.DefaultNamespace)];

    /// <summary>A change to an account wakes its namespace.</summary>
    protected override IEnumerable<string> PrimaryKeysFor(KindInfo related, string key, KubeObject? before, KubeObject? after) =>
        [ObjectKeys.For(Kinds.Namespace, null, ObjectKeys.Parse(key).Namespace)];

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var declared = CachedPrimary<Namespace>(ns, name);
        if (name != WellKnown.DefaultNamespace && (declared is null || declared.Status?.Phase == "Terminating")) return ReconcileResult.Done;
        if (Context.Informers.For(Kinds.ServiceAccount).Get(ObjectKeys.For(Kinds.ServiceAccount, name, WellKnown.DefaultServiceAccount)) is not null) return ReconcileResult.Done;
        var account = new ServiceAccount
        {
            ApiVersion = "v1", Kind = "ServiceAccount",
            Metadata = new ObjectMeta
            {
                Name = WellKnown.DefaultServiceAccount, Namespace = name,
                Annotations = new Dictionary<string, string> { [WellKnown.CreatedBy] = "service-account-controller" },
            },
        };
        if (await CreateIfMissingAsync(account, cancellationToken)) Logger.LogInformation("Created the default service account of namespace {Namespace}", name);
        return ReconcileResult.Done;
    }
}
