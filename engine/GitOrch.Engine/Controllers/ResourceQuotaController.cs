using GitOrch.Api.Model;
using GitOrch.Api.Policy;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// Keeps each ResourceQuota's <c>status.used</c> current, as Kubernetes' resource quota controller
/// does: a change to anything a quota counts in its namespace recounts that namespace's quotas.
/// </summary>
public sealed class ResourceQuotaController(ControllerContext context) : Controller(context)
{
    protected override KindInfo Primary => Kinds.ResourceQuota;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Pod, Kinds.Service, Kinds.Secret, Kinds.ConfigMap, Kinds.PersistentVolumeClaim];

    protected override IEnumerable<string> PrimaryKeysFor(KindInfo related, string key, KubeObject? before, KubeObject? after) =>
        AllKeys(ObjectKeys.Parse(key).Namespace);

    public override async Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (CachedPrimary<ResourceQuota>(ns, name) is not { } quota) return ReconcileResult.Done;
        var status = QuotaCheck.StatusOf(quota, await NamespaceUsageReader.ReadAsync(Client, ns, cancellationToken));
        if (!SameAs(status, quota.Status)) await Client.PutStatusAsync(quota, status, cancellationToken);
        return ReconcileResult.Done;
    }

    private static bool SameAs(ResourceQuotaStatus status, ResourceQuotaStatus? current) =>
        current?.Hard is { } hard && current.Used is { } used
        && hard.Count == status.Hard!.Count && !hard.Except(status.Hard).Any()
        && used.Count == status.Used!.Count && !used.Except(status.Used).Any();
}
