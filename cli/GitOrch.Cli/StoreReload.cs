using GitOrch.Engine.Security;
using GitOrch.Store;

namespace GitOrch.Cli;

/// <summary>Tells the cluster's nats-server to read its configuration again (SIGHUP to the pid in the cluster directory), so new identities and permissions apply.</summary>
public static class StoreReload
{
    public static void Signal(ClusterDirectory cluster)
    {
        if (!File.Exists(cluster.NatsPidFile) || !int.TryParse(File.ReadAllText(cluster.NatsPidFile).Trim(), out var pid))
            throw new StoreUnavailableException($"nats.conf is rendered again, but the store could not be told: no pid in {cluster.NatsPidFile}; run nats-server --signal reload");
        ProcessSignals.Reload(pid);
    }
}
