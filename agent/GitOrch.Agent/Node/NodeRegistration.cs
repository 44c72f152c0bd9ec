using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.Extensions.Logging;
using NodeObject = GitOrch.Api.Model.Node;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Agent.Node;

/// <summary>Registers this machine as a Node with its capacity, heartbeats its Ready condition, and says when it stops.</summary>
public sealed class NodeRegistration(ObjectClient client, AgentOptions options, string runtimeName, ILogger logger, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The port of the agent's HTTP endpoint, published in the Node's status; null when it serves none.</summary>
    public int? EndpointPort { get; init; }

    /// <summary>https when the endpoint serves TLS with client certificates, which callers then must present.</summary>
    private string EndpointScheme => options.EndpointTls is null ? "http" : "https";

    public async Task<NodeObject> RegisterAsync(CancellationToken cancellationToken)
    {
        var node = await client.GetAsync<NodeObject>(null, options.NodeName, cancellationToken);
        if (node is null)
        {
            node = await client.CreateAsync(new NodeObject
            {
                ApiVersion = Kinds.Node.ApiVersion,
                Kind = Kinds.Node.Kind,
                Metadata = new ObjectMeta
                {
                    Name = options.NodeName,
                    Labels = new Dictionary<string, string>(options.Labels)
                    {
                        ["kubernetes.io/hostname"] = options.NodeName,
                        ["kubernetes.io/os"] = "linux",
                        ["kubernetes.io/arch"] = NodeArchitecture.Current,
                    },
                },
            }, cancellationToken);
            logger.LogInformation("Registered node {Node}", options.NodeName);
        }
        await HeartbeatAsync(node, cancellationToken);
        return node;
    }

    public async Task RunHeartbeatsAsync(NodeObject node, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(NodeHeartbeats.Interval, cancellationToken);
            try
            {
                await HeartbeatAsync(node, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Heartbeat failed: {Error}", e.Message);
            }
        }
    }

    /// <summary>
    /// A clean stop: Ready turns False at once, so the scheduler binds nothing more here. The last
    /// heartbeat's time stays, so the node lifecycle controller evicts the pods if the node never returns.
    /// </summary>
    public Task MarkStoppedAsync(NodeObject node, CancellationToken cancellationToken) =>
        PutStatusAsync(node, new Condition { Type = NodeHeartbeats.ReadyCondition, Status = "False", Reason = "AgentStopped", Message = "the agent stopped", LastHeartbeatTime = _clock.GetUtcNow() }, cancellationToken);

    private Task HeartbeatAsync(NodeObject node, CancellationToken cancellationToken) =>
        PutStatusAsync(node, new Condition { Type = NodeHeartbeats.ReadyCondition, Status = "True", Reason = "AgentReady", Message = "agent is posting heartbeats", LastHeartbeatTime = _clock.GetUtcNow() }, cancellationToken);

    private Task PutStatusAsync(NodeObject node, Condition ready, CancellationToken cancellationToken)
    {
        var capacity = new Dictionary<string, string>
        {
            ["cpu"] = (options.Cpu ?? Environment.ProcessorCount).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["memory"] = $"{options.MemoryBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes}",
            ["pods"] = "110",
        };
        var status = new NodeStatus
        {
            Capacity = capacity,
            Allocatable = capacity,
            Conditions = [ready],
            Addresses = [new NodeAddress { Type = "InternalIP", Address = options.Address }, new NodeAddress { Type = "Hostname", Address = Environment.MachineName }],
            NodeInfo = new NodeSystemInfo
            {
                OperatingSystem = "linux",
                Architecture = NodeArchitecture.Current,
                ContainerRuntimeVersion = runtimeName,
                KubeletVersion = $"gitorch-{typeof(NodeRegistration).Assembly.GetName().Version}",
            },
            DaemonEndpoints = EndpointPort is { } port ? new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = port, Scheme = EndpointScheme } } : null,
        };
        return client.PutStatusAsync(node, status, cancellationToken);
    }
}
