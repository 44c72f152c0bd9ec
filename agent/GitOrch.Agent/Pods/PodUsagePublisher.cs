using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Pods;

/// <summary>
/// Measures the CPU and memory of this node's pods from the runtime's container stats, every few
/// seconds, and publishes them to the store for autoscalers, as metrics-server does for Kubernetes but
/// without a separate component. CPU is the difference between two samples of a container's CPU time.
/// </summary>
public sealed class PodUsagePublisher(IContainerRuntime runtime, SharedInformers informers, ObjectClient client, string nodeName, ILogger logger, TimeProvider? clock = null)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private Dictionary<string, (DateTimeOffset At, TimeSpan Cpu)> _previous = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pods = await informers.WaitForSyncAsync([Kinds.Pod], cancellationToken);
        var loop = Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, _clock, cancellationToken);
                try
                {
                    var usage = await MeasureAsync(cancellationToken);
                    await client.Store.PutAsync(Buckets.Meta, NodeUsage.KeyFor(nodeName), ObjectJson.ToBytes(usage), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogDebug("Publishing pod usage failed: {Error}", e.Message);
                }
            }
        }, cancellationToken);
        await Task.WhenAll(pods, loop);
    }

    /// <summary>One sample of every running container, summed by pod; a pod whose containers have no earlier sample yet is left out.</summary>
    public async Task<NodeUsage> MeasureAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var podsByUid = informers.For(Kinds.Pod).Objects.OfType<Pod>().Where(pod => pod.Spec.NodeName == nodeName).ToDictionary(pod => pod.Metadata.Uid!);
        var samples = new Dictionary<string, (DateTimeOffset At, TimeSpan Cpu)>();
        var sums = new Dictionary<string, PodUsage>();
        foreach (var container in (await runtime.InventoryAsync(cancellationToken)).Containers.Where(container => container.IsRunning))
        {
            if (!podsByUid.TryGetValue(container.PodUid, out var pod) || await runtime.UsageAsync(container.Id, cancellationToken) is not { } usage) continue;
            samples[container.Id] = (now, usage.CpuTime);
            if (!_previous.TryGetValue(container.Id, out var before) || now <= before.At) continue;
            var millicores = (long)Math.Max(0, (usage.CpuTime - before.Cpu).TotalMilliseconds * 1000 / (now - before.At).TotalMilliseconds);
            var key = NodeUsage.PodKey(pod);
            var sum = sums.GetValueOrDefault(key) ?? new PodUsage(0, 0);
            sums[key] = new PodUsage(sum.CpuMillicores + millicores, sum.MemoryBytes + usage.MemoryBytes);
        }
        _previous = samples;
        return new NodeUsage { Node = nodeName, At = now, Pods = sums };
    }
}
