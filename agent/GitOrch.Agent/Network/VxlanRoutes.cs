using System.Net;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Network;

/// <summary>
/// VXLAN, as flannel's vxlan backend has it, for nodes that do not share a segment: pod traffic to
/// another node is wrapped in UDP (port 8472) between the nodes' own addresses. Each node's VXLAN
/// device holds the first address of its block and a MAC derived from it, so any node can compute
/// another's without asking; a static neighbour and forwarding entry per node replace learning.
/// </summary>
public sealed class VxlanRoutes(string nodeAddress, IPNetwork block) : INodeRouteMode
{
    public const string Device = "gitorch.vx";
    private const string Vni = "1";
    private const string Port = "8472";

    /// <summary>Room for the 50 bytes of VXLAN headers inside a 1500-byte packet.</summary>
    private const string Mtu = "1450";

    public void Prepare()
    {
        var (exitCode, output) = HostCommand.Run("ip", "link", "add", Device, "type", "vxlan", "id", Vni, "local", nodeAddress, "dstport", Port, "nolearning");
        if (exitCode != 0 && !output.Contains("File exists", StringComparison.Ordinal))
            throw new InvalidOperationException($"ip link add {Device} type vxlan: {output.Trim()}");
        HostCommand.Check("ip", "link", "set", Device, "address", Mac(block.ToString()), "mtu", Mtu);
        HostCommand.Check("ip", "addr", "replace", $"{First(block.ToString())}/32", "dev", Device);
        HostCommand.Check("ip", "link", "set", Device, "up");
    }

    public string Gateway(string remoteBlock, string remoteAddress) => First(remoteBlock);

    public string[] RouteTo(string remoteBlock, string remoteAddress) => ["via", First(remoteBlock), "dev", Device, "onlink", "mtu", Mtu];

    public void Reach(string remoteBlock, string remoteAddress)
    {
        HostCommand.Check("ip", "neigh", "replace", First(remoteBlock), "lladdr", Mac(remoteBlock), "dev", Device, "nud", "permanent");
        HostCommand.Check("bridge", "fdb", "replace", Mac(remoteBlock), "dev", Device, "dst", remoteAddress);
    }

    public void Forget(string remoteBlock)
    {
        HostCommand.Run("ip", "neigh", "del", First(remoteBlock), "dev", Device);
        HostCommand.Run("bridge", "fdb", "del", Mac(remoteBlock), "dev", Device);
    }

    private static string First(string block) => PodNetworkRanges.FromNumber(PodNetworkRanges.ToNumber(IPNetwork.Parse(block).BaseAddress)).ToString();

    /// <summary>A locally administered MAC carrying the block's address: 0a:58:a.b.c.d.</summary>
    public static string Mac(string block) =>
        "0a:58:" + string.Join(':', IPNetwork.Parse(block).BaseAddress.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
