using System.Collections.Concurrent;
using System.Text.Json;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Pods;

/// <summary>
/// Drives the runtime toward the pods bound to this node: each bound pod's <see cref="PodWorker"/> takes
/// a step, containers of pods no longer bound are stopped and removed, and each pod's status is
/// reported when it changed. It reads the process's pod cache, through an index by node, so a sync costs
/// this node's pods and not the cluster's. Level-triggered: a change to a pod bound here or a probe
/// verdict wakes it, and it also looks every couple of seconds. Containers found at start-up (after an
/// agent restart) are adopted as they are, because a worker only ever reads what the runtime lists.
/// </summary>
public sealed class PodSync
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private const int ParallelPods = 16;
    private const string ByNode = "node";

    private readonly ObjectClient _client;
    private readonly SharedInformers _informers;
    private readonly ObjectCache _pods;
    private readonly IContainerRuntime _runtime;
    private readonly AgentOptions _options;
    private readonly ILogger _logger;
    private readonly PodAgentServices _services;
    private readonly ConcurrentDictionary<string, PodWorker> _workers = new();
    private readonly ConcurrentDictionary<string, Task> _removing = new();
    private readonly SemaphoreSlim _wake = new(0);

    public PodSync(ObjectClient client, SharedInformers informers, IContainerRuntime runtime, AgentOptions options, ILogger logger, TimeProvider? clock = null)
    {
        _client = client;
        _informers = informers;
        _pods = informers.For(Kinds.Pod);
        _pods.AddIndex(ByNode, pod => pod is Pod { Spec.NodeName: { } node } ? [node] : []);
        _runtime = runtime;
        _options = options;
        _logger = logger;
        _services = new PodAgentServices(client, runtime, options, logger, clock ?? TimeProvider.System, () => _wake.Release());
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Only this agent reports the status of the pods bound here, so a status-only change is its own
        // report coming back through the relay; waking on it would sync again at once, and again after that.
        _pods.Changed += (_, before, after) =>
        {
            if ((IsBoundHere(before) || IsBoundHere(after)) && before?.Metadata.ResourceVersion != after?.Metadata.ResourceVersion) _wake.Release();
        };
        var watching = await _informers.WaitForSyncAsync([Kinds.Pod], cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await SyncOnceAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogWarning("Pod sync failed, will retry: {Error}", e.Message);
                }
                await _wake.WaitAsync(Period, cancellationToken);
                while (_wake.CurrentCount > 0) await _wake.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            _services.Probes.Dispose();
        }
        await watching;
    }

    private bool IsBoundHere(KubeObject? pod) => pod is Pod { Spec.NodeName: { } node } && node == _options.NodeName;

    public async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        var bound = _pods.ByIndex(ByNode, _options.NodeName).OfType<Pod>().ToDictionary(pod => pod.Metadata.Uid!);
        var inventory = await _runtime.InventoryAsync(cancellationToken);
        var byPod = inventory.Containers.ToLookup(c => c.PodUid);
        var present = byPod.Select(group => group.Key).Concat(inventory.SandboxPodUids).ToHashSet();
        _services.Probes.KeepOnly(inventory.Containers.Where(c => c.IsRunning).Select(c => c.Id).ToHashSet());

        // Removal waits out grace periods, so it runs on its own and new pods need not wait for it.
        foreach (var uid in present.Where(uid => !bound.ContainsKey(uid) && !_removing.ContainsKey(uid)))
            _removing[uid] = RemoveAsync(uid, byPod[uid].ToList());

        await Parallel.ForEachAsync(bound.Values.Where(pod => !_removing.ContainsKey(pod.Metadata.Uid!)),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelPods, CancellationToken = cancellationToken },
            async (pod, token) => await SyncPodAsync(pod, byPod[pod.Metadata.Uid!].ToList(), inventory.RunningSandboxPodUids.Contains(pod.Metadata.Uid!), token));

        foreach (var (uid, worker) in _workers.Where(pair => !bound.ContainsKey(pair.Key) && !present.Contains(pair.Key)))
            if (_workers.TryRemove(uid, out _) && worker.WrittenStatus is not null)
                await PodStatusReports.WithdrawAsync(_client.Store, _options.NodeName, worker.Pod, cancellationToken);
    }

    private async Task SyncPodAsync(Pod pod, IReadOnlyList<RuntimeContainer> containers, bool sandboxRunning, CancellationToken cancellationToken)
    {
        var worker = _workers.GetOrAdd(pod.Metadata.Uid!, _ => new PodWorker(_services, pod));
        try
        {
            var status = await worker.SyncAsync(pod, containers, sandboxRunning, cancellationToken);
            var json = JsonSerializer.Serialize(status, ObjectJson.Options);
            var previous = worker.WrittenStatus ?? (pod.Status is null ? null : JsonSerializer.Serialize(pod.Status, ObjectJson.Options));
            if (json == previous) return;
            await PodStatusReports.ReportAsync(_client.Store, _options.NodeName, pod, status, cancellationToken);
            worker.WrittenStatus = json;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("Sync of pod {Namespace}/{Pod} failed, will retry: {Error}", pod.Namespace, pod.Name, e.Message);
        }
    }

    /// <summary>Stops a pod that is no longer bound here: preStop hooks and grace periods, then its containers, sandbox and directory go.</summary>
    private async Task RemoveAsync(string uid, IReadOnlyList<RuntimeContainer> containers)
    {
        await Task.Yield();
        try
        {
            var worker = _workers.GetValueOrDefault(uid);
            await Task.WhenAll(containers.Where(c => c.IsRunning).Select(c => _services.Stopper.StopAsync(worker?.Pod, c, worker?.PodIP, CancellationToken.None)));
            foreach (var container in containers)
                await _runtime.RemoveContainerAsync(container.Id, CancellationToken.None);
            await _runtime.RemoveSandboxAsync(uid, CancellationToken.None);
            _services.Volumes.Remove(uid);
            _logger.LogInformation("Removed the containers of pod {Pod}", worker?.Pod.Name ?? uid);
        }
        catch (Exception e)
        {
            _logger.LogWarning("Removing the containers of pod {Uid} failed, will retry: {Error}", uid, e.Message);
        }
        finally
        {
            _removing.TryRemove(uid, out _);
        }
    }
}
