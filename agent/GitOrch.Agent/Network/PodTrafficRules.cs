using System.Net;

namespace GitOrch.Agent.Network;

/// <summary>
/// The node's packet filter rules for its pods: traffic from the node's block to anywhere outside the
/// cluster CIDR is masqueraded, so it can return, while pod-to-pod traffic keeps its addresses; and
/// traffic to and from the cluster CIDR is forwarded, ahead of Docker's own rules, which would drop
/// connections into a bridge from another machine.
/// </summary>
public static class PodTrafficRules
{
    public static void Ensure(IPNetwork block, IPNetwork clusterCidr)
    {
        var cluster = clusterCidr.ToString();
        EnsureRule("nat", "POSTROUTING", "-s", block.ToString(), "!", "-d", cluster, "-j", "MASQUERADE");
        var forward = HostCommand.Run("iptables", "-w", "-n", "-L", "DOCKER-USER").ExitCode == 0 ? "DOCKER-USER" : "FORWARD";
        EnsureRule("filter", forward, "-d", cluster, "-j", "ACCEPT");
        EnsureRule("filter", forward, "-s", cluster, "-j", "ACCEPT");
    }

    private static void EnsureRule(string table, string chain, params string[] rule)
    {
        if (HostCommand.Run("iptables", ["-w", "-t", table, "-C", chain, .. rule]).ExitCode == 0) return;
        HostCommand.Check("iptables", ["-w", "-t", table, "-I", chain, "1", .. rule]);
    }
}
