using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace GitOrch.Agent.Network;

/// <summary>The node's InternalIP: the IPv4 address of the interface that holds the default route, as the kubelet picks it.</summary>
public static class NodeAddress
{
    public static string Detect()
    {
        var withGateway = NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .Select(nic => nic.GetIPProperties())
            .FirstOrDefault(properties => properties.GatewayAddresses.Any(g => g.Address.AddressFamily == AddressFamily.InterNetwork && !g.Address.Equals(IPAddress.Any)));
        return withGateway?.UnicastAddresses.Select(u => u.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString()
            ?? IPAddress.Loopback.ToString();
    }
}
