using System.Net;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Network;

/// <summary>
/// Holds the process runtime's pod addresses, taken from the node's block, as /32 addresses on the
/// node's loopback interface: the host then accepts traffic for them from any interface, so other nodes
/// reach them over the same routes as Docker pods, and no kernel module is needed. Needs root (CAP_NET_ADMIN).
/// </summary>
public static class LoopbackPodAddresses
{
    /// <summary>Null when addresses can be added; else why not.</summary>
    public static string? WhyUnavailable()
    {
        var (exitCode, output) = HostCommand.Run("ip", "link", "set", "lo", "up");
        return exitCode == 0 ? null : output.Trim();
    }

    public static void Add(string address) => HostCommand.Check("ip", "addr", "replace", $"{address}/32", "dev", "lo");

    public static void Remove(string address) => HostCommand.Run("ip", "addr", "del", $"{address}/32", "dev", "lo");

    /// <summary>The pod addresses of a block: all but its first (a Docker bridge's own) and its last.</summary>
    public static (int Slots, Func<int, string> AddressOf) Of(IPNetwork block)
    {
        var first = PodNetworkRanges.ToNumber(block.BaseAddress);
        var size = 1 << (32 - block.PrefixLength);
        return (size - 3, slot => PodNetworkRanges.FromNumber(first + 1 + (uint)slot).ToString());
    }
}
