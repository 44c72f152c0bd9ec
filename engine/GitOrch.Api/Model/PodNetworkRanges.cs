using System.Net;
using System.Net.Sockets;

namespace GitOrch.Api.Model;

/// <summary>
/// The cluster's pod address range and how it is cut into one block per node. Each node's block is
/// recorded in its spec.podCIDR; its pods get addresses from it, so any machine can route to a pod by
/// the block alone. Defaults as flannel and kubeadm have them: 10.244.0.0/16 in /24 blocks.
/// </summary>
public sealed record PodNetworkRanges(IPNetwork ClusterCidr, int NodeMaskSize)
{
    public static readonly PodNetworkRanges Default = new(IPNetwork.Parse("10.244.0.0/16"), 24);

    /// <summary>Why the ranges cannot be used; null when they can.</summary>
    public static string? WhyInvalid(IPNetwork clusterCidr, int nodeMaskSize, IPNetwork serviceCidr)
    {
        if (clusterCidr.BaseAddress.AddressFamily != AddressFamily.InterNetwork) return $"the cluster CIDR {clusterCidr} is not IPv4";
        if (nodeMaskSize < clusterCidr.PrefixLength || nodeMaskSize > 30)
            return $"a node block of /{nodeMaskSize} does not fit the cluster CIDR {clusterCidr} (use /{clusterCidr.PrefixLength} to /30)";
        if (clusterCidr.Contains(serviceCidr.BaseAddress) || serviceCidr.Contains(clusterCidr.BaseAddress))
            return $"the cluster CIDR {clusterCidr} overlaps the service CIDR {serviceCidr}";
        return null;
    }

    /// <summary>Every node block, in address order.</summary>
    public IEnumerable<IPNetwork> NodeBlocks()
    {
        var start = ToNumber(ClusterCidr.BaseAddress);
        var blockSize = 1u << (32 - NodeMaskSize);
        var count = 1u << (NodeMaskSize - ClusterCidr.PrefixLength);
        for (var i = 0u; i < count; i++)
            yield return new IPNetwork(FromNumber(start + i * blockSize), NodeMaskSize);
    }

    public static uint ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
    }

    public static IPAddress FromNumber(uint number) => new([(byte)(number >> 24), (byte)(number >> 16), (byte)(number >> 8), (byte)number]);
}
