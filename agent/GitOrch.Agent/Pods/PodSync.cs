using System.Text.Json;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Pods;

/// <summary>
/// Drives the runtime toward the pods bound to this node: starts what is missing, stops and removes
/// what is no longer bound, and writes each pod's status when it changes. Level-triggered: a pod
/// change wakes it, and it also looks every couple of seconds.
/// </summary>
public sealed class PodSync(ObjectClient client, IContainerRuntime runtime, AgentOptions options, ILogger logger)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, string> _writtenStatus = [];
    private readonly Dictionary<string, string> _statusKeys = [];
    private readonly HashSet<string> _failedToStart = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> _stopping = new();
    private readonly SemaphoreSlim _wake = new(0);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watching = WatchPodsAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SyncOnceAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Pod sync failed, will retry: {Error}", e.Message);
            }
            await _wake.WaitAsync(Period, cancellationToken);
            while (_wake.CurrentCount > 0) await _wake.WaitAsync(cancellationToken);
        }
        await watching;
    }

    private async Task WatchPodsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in client.Store.WatchAsync(Buckets.Objects, ObjectKeys.Prefix(Kinds.Pod, null), 0, cancellationToken))
                _wake.Release();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        var bound = (await client.ListAsync<Pod>(cancellationToken: cancellationToken))
            .Where(pod => pod.Spec.NodeName == options.NodeName)
            .ToDictionary(pod => pod.Metadata.Uid!);
        var running = await runtime.ListPodUidsAsync(cancellationToken);

        // Stopping waits out each pod's grace period; it runs on its own so new pods need not wait for it.
        foreach (var uid in running.Where(uid => !bound.ContainsKey(uid) && !_stopping.ContainsKey(uid)))
        {
            var stop = RemoveAsync(uid, cancellationToken);
            _stopping[uid] = stop;
            if (stop.IsCompleted) _stopping.TryRemove(uid, out _);
        }
        foreach (var pod in bound.Values.Where(pod => !running.Contains(pod.Metadata.Uid!) && !_failedToStart.Contains(pod.Metadata.Uid!)))
            await StartAsync(pod, cancellationToken);
        foreach (var pod in bound.Values)
            if (await runtime.InspectPodAsync(pod.Metadata.Uid!, cancellationToken) is { } state)
                await WriteStatusAsync(pod, PodStatusBuilder.Build(pod, state, options.Address, DateTimeOffset.UtcNow), cancellationToken);
        _failedToStart.IntersectWith(bound.Keys);
        foreach (var uid in _writtenStatus.Keys.Where(uid => !bound.ContainsKey(uid)).ToList())
        {
            _writtenStatus.Remove(uid);
            if (_statusKeys.Remove(uid, out var key))
                await client.Store.DeleteAsync(Buckets.Status, key, cancellationToken: cancellationToken);
        }
    }

    private async Task StartAsync(Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.StartPodAsync(pod, cancellationToken);
            logger.LogInformation("Started pod {Namespace}/{Pod} on {Runtime}", pod.Namespace, pod.Name, runtime.Name);
        }
        catch (PodStartException e)
        {
            _failedToStart.Add(pod.Metadata.Uid!);
            logger.LogWarning("Pod {Namespace}/{Pod} cannot start: {Error}", pod.Namespace, pod.Name, e.Message);
            await WriteStatusAsync(pod, PodStatusBuilder.Failed(pod, "CreateContainerError", e.Message, options.Address, DateTimeOffset.UtcNow), cancellationToken);
        }
    }

    private async Task RemoveAsync(string uid, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.StopPodAsync(uid, cancellationToken);
            logger.LogInformation("Removed the containers of pod {Uid}", uid);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Removing the containers of pod {Uid} failed, will retry: {Error}", uid, e.Message);
        }
        finally
        {
            _stopping.TryRemove(uid, out _);
        }
    }

    private async Task WriteStatusAsync(Pod pod, PodStatus status, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid!;
        var json = JsonSerializer.Serialize(status, ObjectJson.Options);
        var previous = _writtenStatus.GetValueOrDefault(uid) ?? (pod.Status is null ? null : JsonSerializer.Serialize(pod.Status, ObjectJson.Options));
        if (json == previous) return;
        await client.PutStatusAsync(pod, status, cancellationToken);
        _writtenStatus[uid] = json;
        _statusKeys[uid] = ObjectKeys.For(pod);
    }
}
