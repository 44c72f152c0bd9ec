using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>Reads what every node's service proxy has published, and sums it by version over chosen Services.</summary>
public sealed class ClusterTraffic(IObjectStore store)
{
    /// <summary>Counts by pod-template hash, summed over every node and over the Services given.</summary>
    public async Task<Dictionary<string, TrafficCounts>> ByVersionAsync(IEnumerable<Service> services, CancellationToken cancellationToken)
    {
        var serviceKeys = services.Select(NodeTraffic.ServiceKey).ToHashSet();
        var sums = new Dictionary<string, TrafficCounts>();
        foreach (var entry in await store.ListAsync(Buckets.Meta, NodeTraffic.KeyPrefix, cancellationToken))
        {
            var node = ObjectJson.FromBytes<NodeTraffic>(entry.Value);
            foreach (var (service, traffic) in node.Services)
            {
                if (!serviceKeys.Contains(service)) continue;
                foreach (var (version, counts) in traffic.Versions)
                    sums[version] = sums.TryGetValue(version, out var sum) ? sum.Plus(counts) : counts;
            }
        }
        return sums;
    }
}
