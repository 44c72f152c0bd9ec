using GitOrch.Api.Model;
using GitOrch.Api.Policy;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Planning;
using GitOrch.Store;

namespace GitOrch.Engine.Sync;

/// <summary>
/// Refuses a plan whose creates would take a namespace over a ResourceQuota: the counts of pods,
/// services, secrets, configmaps and claims, and the pods' cpu and memory and the claims' storage. It
/// counts the quotas as the plan leaves them, and what the plan deletes in the same namespace, so
/// replacing one object with another fits. The check runs before anything is written.
/// </summary>
public sealed class QuotaPlanCheck(ObjectClient client)
{
    public async Task<string?> WhyRefusedAsync(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        foreach (var inNamespace in changes.Where(change => change.Action != ChangeAction.Update).GroupBy(change => ObjectKeys.Parse(change.Key).Namespace))
        {
            var added = NetAmounts(inNamespace);
            if (!added.Values.Any(amount => amount > 0)) continue;
            var quotas = await QuotasAfterAsync(inNamespace.Key, changes, cancellationToken);
            if (quotas.Count == 0) continue;
            var used = await NamespaceUsageReader.ReadAsync(client, inNamespace.Key, cancellationToken);
            foreach (var quota in quotas)
                if (QuotaCheck.WhyExceeded(quota, used, added) is { } why)
                    return $"namespace {inNamespace.Key}: {why}";
        }
        return null;
    }

    private static Dictionary<string, decimal> NetAmounts(IEnumerable<Change> changes)
    {
        var net = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var change in changes)
            foreach (var (resource, amount) in ObjectDemand.Of(change.Object))
                net[resource] = net.GetValueOrDefault(resource) + (change.Action == ChangeAction.Delete ? -amount : amount);
        return net;
    }

    private async Task<List<ResourceQuota>> QuotasAfterAsync(string ns, IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        var quotas = (await client.ListAsync<ResourceQuota>(ns, cancellationToken: cancellationToken)).ToDictionary(ObjectKeys.For);
        foreach (var change in changes.Where(change => change.Object is ResourceQuota && ObjectKeys.Parse(change.Key).Namespace == ns))
            if (change.Action == ChangeAction.Delete) quotas.Remove(change.Key);
            else quotas[change.Key] = (ResourceQuota)change.Object;
        return quotas.Values.ToList();
    }
}
