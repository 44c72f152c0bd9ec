namespace GitOrch.Agent.Network;

/// <summary>How a node's agent reaches another node's pod block: by plain routes (host-gw) or through a VXLAN device.</summary>
public interface INodeRouteMode
{
    /// <summary>Makes whatever the routes go through on this node.</summary>
    void Prepare();

    /// <summary>The next hop of the route to a node's block.</summary>
    string Gateway(string block, string nodeAddress);

    /// <summary>What `ip route add` needs after the block, for that node.</summary>
    string[] RouteTo(string block, string nodeAddress);

    /// <summary>Readies the way to a node before its route is added.</summary>
    void Reach(string block, string nodeAddress);

    /// <summary>Undoes <see cref="Reach"/> once a node's route is gone.</summary>
    void Forget(string block);
}

/// <summary>Host-gw, as flannel has it: the route's next hop is the other node's own address, so nodes must share a segment.</summary>
public sealed class HostGatewayRoutes : INodeRouteMode
{
    public void Prepare()
    {
    }

    public string Gateway(string block, string nodeAddress) => nodeAddress;

    public string[] RouteTo(string block, string nodeAddress) => ["via", nodeAddress];

    public void Reach(string block, string nodeAddress)
    {
    }

    public void Forget(string block)
    {
    }
}
