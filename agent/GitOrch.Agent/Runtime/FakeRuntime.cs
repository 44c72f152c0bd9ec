using System.Collections.Concurrent;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Runtime;

/// <summary>
/// A runtime that runs nothing: a started pod's containers report Running at once. For unit tests and
/// for simulated (hollow) nodes in scale tests. Tests can end a container with an exit code.
/// </summary>
public sealed class FakeRuntime(TimeProvider? clock = null) : IContainerRuntime
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, PodRuntimeState> _pods = new();
    private int _nextAddress;

    public string Name => "fake";

    public Task<IReadOnlyCollection<string>> ListPodUidsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>(_pods.Keys.ToList());

    public Task StartPodAsync(Pod pod, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var address = Interlocked.Increment(ref _nextAddress);
        var containers = pod.Spec.Containers.Select(container => new ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ContainerID = $"fake://{pod.Metadata.Uid}/{container.Name}",
            Ready = true,
            State = new ContainerState { Running = new ContainerStateRunning { StartedAt = now } },
        }).ToList();
        _pods[pod.Metadata.Uid!] = new PodRuntimeState($"10.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}", now, containers);
        return Task.CompletedTask;
    }

    public Task<PodRuntimeState?> InspectPodAsync(string podUid, CancellationToken cancellationToken) =>
        Task.FromResult(_pods.GetValueOrDefault(podUid));

    public Task StopPodAsync(string podUid, CancellationToken cancellationToken)
    {
        _pods.TryRemove(podUid, out _);
        return Task.CompletedTask;
    }

    /// <summary>Ends every container of the pod with the exit code, as if its process had exited.</summary>
    public void Exit(string podUid, int exitCode)
    {
        if (!_pods.TryGetValue(podUid, out var state)) return;
        var now = _clock.GetUtcNow();
        _pods[podUid] = state with
        {
            Containers = state.Containers.Select(container => container with
            {
                Ready = false,
                State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = exitCode, Reason = exitCode == 0 ? "Completed" : "Error", FinishedAt = now } },
            }).ToList(),
        };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
