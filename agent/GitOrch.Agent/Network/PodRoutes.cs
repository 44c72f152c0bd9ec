using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;
using Microsoft.Extensions.Logging;
using NodeObject = GitOrch.Api.Model.Node;

namespace GitOrch.Agent.Network;

/// <summary>
/// A route to every other node's pod CIDR, following the Node watch: via that node's InternalIP
/// (host-gw) or through the VXLAN device (<see cref="INodeRouteMode"/>). The routes carry their own
/// protocol number, so the agent finds its own again after a restart and removes those of nodes that
/// are gone. A route that some other tool put on the host for the same block is left alone and reported.
/// </summary>
public sealed class PodRoutes(SharedInformers informers, string nodeName, string nodeAddress, INodeRouteMode mode, ILogger logger)
{
    /// <summary>The routing protocol number that marks GitOrch's routes (any unassigned value will do).</summary>
    public const string Protocol = "71";

    private readonly SemaphoreSlim _changed = new(0);
    private readonly HashSet<string> _reported = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var nodes = informers.For(Kinds.Node);
        nodes.Changed += (_, _, _) => _changed.Release();
        var watching = await informers.WaitForSyncAsync([Kinds.Node], cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Reconcile(nodes.Objects.OfType<NodeObject>().ToList());
                await _changed.WaitAsync(cancellationToken);
                while (_changed.CurrentCount > 0) await _changed.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        await watching.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>The nodes this node routes to: each other node's block and address; none to a node on this same address.</summary>
    public static Dictionary<string, string> Wanted(IEnumerable<NodeObject> nodes, string self, string selfAddress) =>
        nodes.Where(node => node.Name != self && node.Spec.PodCIDR is not null && InternalIP(node) is { } address && address != selfAddress)
            .ToDictionary(node => node.Spec.PodCIDR!, node => InternalIP(node)!, StringComparer.Ordinal);

    public static string? InternalIP(NodeObject node) => node.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address;

    private void Reconcile(IReadOnlyList<NodeObject> nodes)
    {
        var wanted = Wanted(nodes, nodeName, nodeAddress);
        var present = Ours();
        foreach (var (block, via) in present.Where(route => !wanted.TryGetValue(route.Key, out var node) || mode.Gateway(route.Key, node) != route.Value))
        {
            HostCommand.Run("ip", "route", "del", block, "proto", Protocol);
            mode.Forget(block);
            logger.LogInformation("Removed the route to {Block} via {Via}", block, via);
        }
        foreach (var (block, node) in wanted.Where(route => !present.TryGetValue(route.Key, out var have) || have != mode.Gateway(route.Key, route.Value)))
        {
            var via = mode.Gateway(block, node);
            mode.Reach(block, node);
            var (exitCode, output) = HostCommand.Run("ip", ["route", "add", block, .. mode.RouteTo(block, node), "proto", Protocol]);
            if (exitCode == 0)
            {
                logger.LogInformation("Route to {Block} via {Via}", block, via);
                _reported.Remove(block);
                continue;
            }
            if (!_reported.Add(block)) continue;
            var existing = HostCommand.Run("ip", "-4", "route", "show", "exact", block).Output.Trim();
            if (existing.Length > 0)
                logger.LogError("Route to {Block} via {Via} clashes with the host's route \"{Existing}\"; it is left alone, and pods there are unreachable from this node", block, via, existing);
            else
                logger.LogError("Route to {Block} via {Via} cannot be added ({Error}); nodes on different networks need --pod-network vxlan", block, via, output.Trim());
        }
    }

    /// <summary>This agent's routes as the host has them: block → gateway.</summary>
    private static Dictionary<string, string> Ours()
    {
        var routes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in HostCommand.Run("ip", "-4", "route", "show", "proto", Protocol).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var via = Array.IndexOf(words, "via");
            if (via > 0 && via + 1 < words.Length) routes[words[0]] = words[via + 1];
        }
        return routes;
    }
}
