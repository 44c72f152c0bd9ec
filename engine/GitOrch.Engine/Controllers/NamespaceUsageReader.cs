using GitOrch.Api.Model;
using GitOrch.Api.Policy;
using GitOrch.Store;

namespace GitOrch.Engine.Controllers;

/// <summary>Reads what a namespace holds from the store, not a cache, so pods created a moment ago count against its quotas.</summary>
public static class NamespaceUsageReader
{
    public static async Task<NamespaceUsage> ReadAsync(ObjectClient client, string ns, CancellationToken cancellationToken)
    {
        var pods = await client.ListAsync<Pod>(ns, cancellationToken: cancellationToken);
        var services = await client.ListAsync<Service>(ns, cancellationToken: cancellationToken);
        var secrets = await client.ListAsync<Secret>(ns, cancellationToken: cancellationToken);
        var configMaps = await client.ListAsync<ConfigMap>(ns, cancellationToken: cancellationToken);
        var claims = await client.ListAsync<PersistentVolumeClaim>(ns, cancellationToken: cancellationToken);
        return NamespaceUsage.Of(pods, services.Count, secrets.Count, configMaps.Count, claims);
    }
}
