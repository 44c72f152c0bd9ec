using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.Engine.Autoscaling;

/// <summary>What every node has published: its pods' usage, and the requests its proxy sent to each pod.</summary>
public sealed record ClusterMetricsSample(IReadOnlyDictionary<string, PodUsage> Usage, IReadOnlyDictionary<string, long> RequestTotals);

/// <summary>Reads the agents' usage and the proxies' counters from the store's meta bucket, summed over nodes.</summary>
public sealed class ClusterMetrics(IObjectStore store, TimeProvider clock)
{
    /// <summary>Usage older than this is from a node that stopped publishing, and is left out.</summary>
    private static readonly TimeSpan UsageTooOld = TimeSpan.FromMinutes(1);

    /// <summary>Each node's latest usage, leaving out nodes that stopped publishing.</summary>
    public async Task<IReadOnlyList<NodeUsage>> ReadNodesAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(Buckets.Meta, NodeUsage.KeyPrefix, cancellationToken))
            .Select(entry => ObjectJson.FromBytes<NodeUsage>(entry.Value))
            .Where(node => clock.GetUtcNow() - node.At <= UsageTooOld)
            .ToList();

    /// <summary>Each pod's latest usage, by NAMESPACE/NAME, from the nodes still publishing.</summary>
    public async Task<IReadOnlyDictionary<string, PodUsage>> ReadPodsAsync(CancellationToken cancellationToken)
    {
        var usage = new Dictionary<string, PodUsage>();
        foreach (var node in await ReadNodesAsync(cancellationToken))
            foreach (var (pod, podUsage) in node.Pods) usage[pod] = podUsage;
        return usage;
    }

    public async Task<ClusterMetricsSample> ReadAsync(CancellationToken cancellationToken)
    {
        var usage = await ReadPodsAsync(cancellationToken);
        var requests = new Dictionary<string, long>();
        foreach (var entry in await store.ListAsync(Buckets.Meta, NodeTraffic.KeyPrefix, cancellationToken))
        {
            foreach (var (service, traffic) in ObjectJson.FromBytes<NodeTraffic>(entry.Value).Services)
            {
                var ns = service.Split('/')[0];
                foreach (var (pod, counts) in traffic.Pods)
                    requests[$"{ns}/{pod}"] = requests.GetValueOrDefault($"{ns}/{pod}") + counts.Requests;
            }
        }
        return new ClusterMetricsSample(usage, requests);
    }
}
