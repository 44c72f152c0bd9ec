using System.Runtime.InteropServices;
using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.Extensions.Logging;
using NodeObject = GitOrch.Api.Model.Node;

namespace GitOrch.Agent.Node;

/// <summary>Registers this machine as a Node with its capacity, and heartbeats its Ready condition.</summary>
public sealed class NodeRegistration(ObjectClient client, AgentOptions options, string runtimeName, ILogger logger, TimeProvider? clock = null)
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The port of the agent's HTTP endpoint, published in the Node's status; null when it serves none.</summary>
    public int? EndpointPort { get; init; }

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
                        ["kubernetes.io/arch"] = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
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
            await Task.Delay(HeartbeatInterval, cancellationToken);
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

    private Task HeartbeatAsync(NodeObject node, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
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
            Conditions = [new Condition { Type = "Ready", Status = "True", Reason = "AgentReady", Message = "agent is posting heartbeats", LastHeartbeatTime = now }],
            Addresses = [new NodeAddress { Type = "InternalIP", Address = options.Address }, new NodeAddress { Type = "Hostname", Address = Environment.MachineName }],
            NodeInfo = new NodeSystemInfo
            {
                OperatingSystem = "linux",
                Architecture = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
                ContainerRuntimeVersion = runtimeName,
                KubeletVersion = $"gitorch-{typeof(NodeRegistration).Assembly.GetName().Version}",
            },
            DaemonEndpoints = EndpointPort is { } port ? new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = port } } : null,
        };
        return client.PutStatusAsync(node, status, cancellationToken);
    }
}
