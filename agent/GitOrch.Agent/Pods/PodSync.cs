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
/// written when it changed. Level-triggered: a pod change or a probe verdict wakes it, and it also
/// looks every couple of seconds. Containers found at start-up (after an agent restart) are adopted
/// as they are, because a worker only ever reads what the runtime lists.
/// </summary>
public sealed class PodSync
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private const int ParallelPods = 16;

    private readonly ObjectClient _client;
    private readonly IContainerRuntime _runtime;
    private readonly AgentOptions _options;
    private readonly ILogger _logger;
    private readonly PodAgentServices _services;
    private readonly ConcurrentDictionary<string, PodWorker> _workers = new();
    private readonly ConcurrentDictionary<string, Task> _removing = new();
    private readonly SemaphoreSlim _wake = new(0);

    public PodSync(ObjectClient client, IContainerRuntime runtime, AgentOptions options, ILogger logger, TimeProvider? clock = null)
    {
        _client = client;
        _runtime = runtime;
        _options = options;
        _logger = logger;
        _services = new PodAgentServices(client, runtime, options, logger, clock ?? TimeProvider.System, () => _wake.Release());
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watching = WatchPodsAsync(cancellationToken);
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

    /// <summary>Wakes the sync on any pod change; a lost store connection is retried, and the pods keep running meanwhile.</summary>
    private async Task WatchPodsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var _ in _client.Store.WatchAsync(Buckets.Objects, ObjectKeys.Prefix(Kinds.Pod, null), 0, cancellationToken))
                    _wake.Release();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogDebug("Pod watch ended: {Error}", e.Message);
                await Task.Delay(Period, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    public async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        var bound = (await _client.ListAsync<Pod>(cancellationToken: cancellationToken))
            .Where(pod => pod.Spec.NodeName == _options.NodeName)
            .ToDictionary(pod => pod.Metadata.Uid!);
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
                await _client.Store.DeleteAsync(Buckets.Status, ObjectKeys.For(worker.Pod), cancellationToken: cancellationToken);
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
            await _client.PutStatusAsync(pod, status, cancellationToken);
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
