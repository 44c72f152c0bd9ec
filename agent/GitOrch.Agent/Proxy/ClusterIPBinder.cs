using GitOrch.Agent.Network;
using GitOrch.Api.Model;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Proxy;

/// <summary>
/// Puts a Service's cluster IP on this host's loopback interface (<c>ip addr add IP/32 dev lo</c>), so
/// the proxy can listen on it and both the node and Docker containers (routed through the host) reach
/// it. Needs root; without it the Service is reached through its node port only, and the agent says so once.
/// Only addresses inside the service range are ever bound, whatever a Service's spec says, so no
/// manifest can take an address (or a port on it) that belongs to the host.
/// </summary>
public sealed class ClusterIPBinder(ILogger logger)
{
    private readonly HashSet<string> _bound = [];
    private readonly HashSet<string> _refused = [];
    private bool _warned;

    public bool TryBind(string address)
    {
        lock (_bound)
        {
            if (_bound.Contains(address)) return true;
            if (!ServiceAddresses.InClusterRange(address))
            {
                if (_refused.Add(address))
                    logger.LogWarning("Cluster IP {Address} is outside the service range {Range} and is not bound", address, ServiceAddresses.ClusterRange);
                return false;
            }
            var (exitCode, output) = HostCommand.Run("ip", "addr", "add", $"{address}/32", "dev", "lo");
            if (exitCode == 0 || output.Contains("File exists", StringComparison.Ordinal) || output.Contains("already assigned", StringComparison.Ordinal))
            {
                _bound.Add(address);
                return true;
            }
            if (!_warned)
                logger.LogWarning("Cluster IPs cannot be added to lo ({Error}); services are reached on their node ports only", output.Trim());
            _warned = true;
            return false;
        }
    }
}
