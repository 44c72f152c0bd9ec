using System.Threading.Channels;
using GitOrch.Agent.Node;
using GitOrch.Agent.Pods;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.Extensions.Logging;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Agent.Simulation;

/// <summary>
/// Many simulated nodes in one process, for scale tests: each registers and heartbeats like a real
/// agent, and "runs" the pods bound to it by reporting them Running and Ready. One
/// shared pod cache serves every node, so the cost grows with the pods, not with nodes × pods.
/// </summary>
public sealed class HollowNodes(ObjectClient client, int count, string namePrefix, ILogger logger)
{
    private const int StatusWriters = 16;

    private int _nextAddress;
    private readonly Channel<Pod> _toStart = Channel.CreateUnbounded<Pod>();
    private readonly HashSet<string> _names = Enumerable.Range(0, count).Select(i => NodeName(namePrefix, i)).ToHashSet();

    public static string NodeName(string prefix, int index) => $"{prefix}-{index:D5}";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var registrations = Enumerable.Range(0, count).Select(i => new NodeRegistration(client, Options(i), "fake", logger)).ToList();
        var nodes = new List<Api.Model.Node>();
        foreach (var batch in registrations.Chunk(64))
            nodes.AddRange(await Task.WhenAll(batch.Select(registration => registration.RegisterAsync(cancellationToken))));
        logger.LogInformation("{Count} hollow nodes registered", count);

        var informers = new SharedInformers(client);
        var pods = informers.For(Kinds.Pod);
        pods.Changed += (_, _, after) =>
        {
            if (after is Pod pod && pod.Spec.NodeName is { } node && _names.Contains(node) && pod.Status?.Phase is null or PodPhases.Pending)
                _toStart.Writer.TryWrite(pod);
        };
        var tasks = registrations.Select((registration, i) => HeartbeatAsync(registration, nodes[i], cancellationToken)).ToList();
        tasks.AddRange(Enumerable.Range(0, StatusWriters).Select(_ => StartPodsAsync(cancellationToken)));
        tasks.Add(await informers.WaitForSyncAsync([Kinds.Pod], cancellationToken));
        foreach (var pod in pods.Objects.OfType<Pod>().Where(pod => pod.Spec.NodeName is { } node && _names.Contains(node)))
            _toStart.Writer.TryWrite(pod);
        await Task.WhenAll(tasks);
    }

    private AgentOptions Options(int index) => new()
    {
        NodeName = NodeName(namePrefix, index),
        Runtime = "fake",
        Cpu = 4,
        MemoryBytes = 16L << 30,
        Labels = new Dictionary<string, string> { [WellKnown.Zone] = $"zone-{index % 3}" },
        StateDirectory = "",
    };

    /// <summary>Spreads the first heartbeat over the interval, so thousands of nodes do not all write at once.</summary>
    private static async Task HeartbeatAsync(NodeRegistration registration, Api.Model.Node node, CancellationToken cancellationToken)
    {
        await Task.Delay(Random.Shared.Next((int)NodeHeartbeats.Interval.TotalMilliseconds), cancellationToken);
        await registration.RunHeartbeatsAsync(node, cancellationToken);
    }

    private async Task StartPodsAsync(CancellationToken cancellationToken)
    {
        await foreach (var pod in _toStart.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                var podIP = FakeRuntime.PodAddress(Interlocked.Increment(ref _nextAddress));
                await PodStatusReports.ReportAsync(client.Store, pod.Spec.NodeName!, pod, PodStatusBuilder.Running(pod, podIP, "127.0.0.1", DateTimeOffset.UtcNow), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Hollow pod {Namespace}/{Pod} could not start: {Error}", pod.Namespace, pod.Name, e.Message);
            }
        }
    }
}
