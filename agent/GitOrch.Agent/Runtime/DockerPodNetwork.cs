using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using GitOrch.Api.Model;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Runtime;

/// <summary>
/// The node's Docker bridge network on its pod CIDR (the CNI bridge's role): every pod sandbox joins it,
/// so a pod's address says which node holds it. Docker's own masquerade is off; the agent masquerades
/// only traffic that leaves the cluster, so a pod on another node sees the pod's real address.
/// </summary>
public sealed class DockerPodNetwork(DockerClient docker, string nodeName, ILogger logger)
{
    public string Name { get; } = $"gitorch-{nodeName}";

    /// <summary>Makes the network on the block (again, if the node's block changed); a stale GitOrch network in the way, with no containers, is removed.</summary>
    public async Task EnsureAsync(IPNetwork block, CancellationToken cancellationToken)
    {
        var subnet = block.ToString();
        var existing = await FindAsync(Name, cancellationToken);
        if (existing?.IPAM?.Config?.Any(config => config.Subnet == subnet) == true) return;
        if (existing is not null) await docker.Networks.DeleteNetworkAsync(existing.ID, cancellationToken);
        try
        {
            await CreateAsync(block, cancellationToken);
        }
        catch (DockerApiException e) when (e.ResponseBody?.Contains("overlaps", StringComparison.Ordinal) == true)
        {
            if (!await RemoveStaleOverlapsAsync(subnet, cancellationToken))
                throw new RuntimeUnavailableException($"the pod CIDR {subnet} overlaps a Docker network in use on {nodeName}'s daemon; give the cluster another --cluster-cidr");
            await CreateAsync(block, cancellationToken);
        }
        logger.LogInformation("Pod network {Network} on {Subnet}", Name, subnet);
    }

    private Task CreateAsync(IPNetwork block, CancellationToken cancellationToken) =>
        docker.Networks.CreateNetworkAsync(new NetworksCreateParameters
        {
            Name = Name,
            Driver = "bridge",
            IPAM = new IPAM { Config = [new IPAMConfig { Subnet = block.ToString(), Gateway = Gateway(block) }] },
            Options = new Dictionary<string, string> { ["com.docker.network.bridge.enable_ip_masquerade"] = "false" },
            Labels = new Dictionary<string, string> { [WellKnown.NodeName] = nodeName },
        }, cancellationToken);

    /// <summary>The bridge's own address: the block's first.</summary>
    public static string Gateway(IPNetwork block) => PodNetworkRanges.FromNumber(PodNetworkRanges.ToNumber(block.BaseAddress) + 1).ToString();

    private async Task<bool> RemoveStaleOverlapsAsync(string subnet, CancellationToken cancellationToken)
    {
        var wanted = IPNetwork.Parse(subnet);
        var removed = false;
        foreach (var network in await docker.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken))
        {
            if (network.Labels?.ContainsKey(WellKnown.NodeName) != true) continue;
            var overlaps = network.IPAM?.Config?.Any(config => IPNetwork.TryParse(config.Subnet, out var other)
                && (other.Contains(wanted.BaseAddress) || wanted.Contains(other.BaseAddress))) == true;
            if (!overlaps) continue;
            var details = await docker.Networks.InspectNetworkAsync(network.ID, cancellationToken);
            if (details.Containers is { Count: > 0 }) continue;
            logger.LogInformation("Removing the unused pod network {Network}, which holds {Subnet}", network.Name, subnet);
            await docker.Networks.DeleteNetworkAsync(network.ID, cancellationToken);
            removed = true;
        }
        return removed;
    }

    private async Task<NetworkResponse?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await docker.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [name] = true } },
        }, cancellationToken)).FirstOrDefault(network => network.Name == name);
}
