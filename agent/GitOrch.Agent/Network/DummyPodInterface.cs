using System.Net;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Network;

/// <summary>
/// A dummy interface that holds the process runtime's pod addresses, taken from the node's block, so
/// other nodes reach them over the same routes as Docker pods. Needs root (CAP_NET_ADMIN).
/// </summary>
public sealed class DummyPodInterface(string nodeName)
{
    /// <summary>Linux allows 15 characters; a hash of the node name keeps agents on one host apart.</summary>
    public string Name { get; } = $"gto{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(nodeName)))[..8].ToLowerInvariant()}";

    /// <summary>Makes the interface; null when it exists now, else why it cannot be made.</summary>
    public string? TryCreate()
    {
        var (exitCode, output) = HostCommand.Run("ip", "link", "add", Name, "type", "dummy");
        if (exitCode != 0 && !output.Contains("File exists", StringComparison.Ordinal)) return output.Trim();
        var (upCode, upOutput) = HostCommand.Run("ip", "link", "set", Name, "up");
        return upCode == 0 ? null : upOutput.Trim();
    }

    public void Add(string address) => HostCommand.Check("ip", "addr", "replace", $"{address}/32", "dev", Name);

    public void Remove(string address) => HostCommand.Run("ip", "addr", "del", $"{address}/32", "dev", Name);

    /// <summary>The pod addresses of a block: all but its first (the node's own in Docker's bridge) and its last.</summary>
    public static (int Slots, Func<int, string> AddressOf) Addresses(IPNetwork block)
    {
        var first = PodNetworkRanges.ToNumber(block.BaseAddress);
        var size = 1 << (32 - block.PrefixLength);
        return (size - 3, slot => PodNetworkRanges.FromNumber(first + 1 + (uint)slot).ToString());
    }
}
