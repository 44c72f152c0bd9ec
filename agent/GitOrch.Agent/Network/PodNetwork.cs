using System.Net;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;
using Microsoft.Extensions.Logging;
using NodeObject = GitOrch.Api.Model.Node;

namespace GitOrch.Agent.Network;

/// <summary>
/// The node's part of the pod network (the CNI plugin's role): it waits for the control plane to give
/// the node its block, puts the runtime's pods in it, sets the packet filter rules, and keeps the routes
/// to the other nodes' blocks.
/// </summary>
public sealed class PodNetwork(SharedInformers informers, IContainerRuntime runtime, AgentOptions options, ILogger logger)
{
    public const string HostGateway = "host-gw";
    public const string Vxlan = "vxlan";
    public const string None = "none";
    public static readonly string[] Modes = [HostGateway, Vxlan, None];

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    /// <summary>Readies the node's block before any pod starts; the task returned keeps the routes until cancelled.</summary>
    public async Task<Task> StartAsync(CancellationToken cancellationToken)
    {
        if (options.PodNetwork == None) return Task.CompletedTask;
        var node = await WaitForBlockAsync(cancellationToken);
        var block = IPNetwork.Parse(node.Spec.PodCIDR!);
        await runtime.UsePodNetworkAsync(block, cancellationToken);
        if (runtime.Name == "docker" && node.Metadata.Annotations?.GetValueOrDefault(WellKnown.ClusterCidr) is { } cluster)
        {
            try
            {
                PodTrafficRules.Ensure(block, IPNetwork.Parse(cluster));
            }
            catch (InvalidOperationException e)
            {
                logger.LogWarning("Pod traffic rules could not be set, so pods on other nodes may not reach this one's: {Error}", e.Message);
            }
        }
        INodeRouteMode mode = options.PodNetwork == Vxlan ? new VxlanRoutes(options.Address, block) : new HostGatewayRoutes();
        mode.Prepare();
        logger.LogInformation("Node {Node} holds pod CIDR {Block} ({Mode})", options.NodeName, block, options.PodNetwork);
        return new PodRoutes(informers, options.NodeName, options.Address, mode, logger).RunAsync(cancellationToken);
    }

    private async Task<NodeObject> WaitForBlockAsync(CancellationToken cancellationToken)
    {
        var nodes = informers.For(Kinds.Node);
        var changed = new SemaphoreSlim(0);
        nodes.Changed += (key, _, _) => { if (key == ObjectKeys.For(Kinds.Node, null, options.NodeName)) changed.Release(); };
        await informers.WaitForSyncAsync([Kinds.Node], cancellationToken);
        while (true)
        {
            if (nodes.Get(ObjectKeys.For(Kinds.Node, null, options.NodeName)) is NodeObject { Spec.PodCIDR: { Length: > 0 } } node) return node;
            if (!await changed.WaitAsync(ProgressInterval, cancellationToken))
                logger.LogInformation("Waiting for the control plane to give node {Node} a pod CIDR", options.NodeName);
        }
    }
}
