using System.Collections.Concurrent;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Runtime;

/// <summary>
/// A runtime that runs nothing: a started container reports Running at once. For unit tests, which
/// can end containers with an exit code and script exec results.
/// </summary>
public sealed class FakeRuntime(TimeProvider? clock = null) : IContainerRuntime
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, RuntimeContainer> _containers = new();
    private readonly ConcurrentDictionary<string, PodSandbox> _sandboxes = new();
    private int _nextAddress;
    private int _nextId;

    public string Name => "fake";

    /// <summary>The exit code exec gives for a command's first word; 0 when not set.</summary>
    public ConcurrentDictionary<string, int> ExecExitCodes { get; } = new();

    public Task<IReadOnlyList<RuntimeContainer>> ListContainersAsync(string podUid, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RuntimeContainer>>(_containers.Values.Where(c => c.PodUid == podUid).ToList());

    public Task<RuntimeInventory> InventoryAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new RuntimeInventory(_containers.Values.ToList(), _sandboxes.Keys.ToList(), _sandboxes.Keys.ToHashSet()));

    public Task UsePodNetworkAsync(System.Net.IPNetwork block, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<PodSandbox> EnsureSandboxAsync(Pod pod, CancellationToken cancellationToken) =>
        Task.FromResult(_sandboxes.GetOrAdd(pod.Metadata.Uid!, uid =>
        {
            return new PodSandbox(uid, PodAddress(Interlocked.Increment(ref _nextAddress)), null);
        }));

    public Task<string> StartContainerAsync(Pod pod, Container container, ContainerLaunch launch, CancellationToken cancellationToken)
    {
        var id = $"fake-{Interlocked.Increment(ref _nextId)}";
        var running = new ContainerState { Running = new ContainerStateRunning { StartedAt = _clock.GetUtcNow() } };
        _containers[id] = new RuntimeContainer(id, pod.Metadata.Uid!, container.Name, launch.Attempt, launch.IsInit, container.Image, running);
        return Task.FromResult(id);
    }

    public Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (_containers.TryGetValue(containerId, out var container) && container.IsRunning)
            Finish(container, 137);
        return Task.CompletedTask;
    }

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        _containers.TryRemove(containerId, out _);
        return Task.CompletedTask;
    }

    public Task RemoveSandboxAsync(string podUid, CancellationToken cancellationToken)
    {
        _sandboxes.TryRemove(podUid, out _);
        return Task.CompletedTask;
    }

    /// <summary>What <see cref="UsageAsync"/> reports, by container id; containers not listed report nothing.</summary>
    public ConcurrentDictionary<string, ContainerUsage> Usages { get; } = new();

    public Task<ContainerUsage?> UsageAsync(string containerId, CancellationToken cancellationToken) =>
        Task.FromResult(Usages.TryGetValue(containerId, out var usage) ? usage : null);

    public Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(new ExecResult(ExecExitCodes.GetValueOrDefault(command.FirstOrDefault() ?? ""), ""));

    public Task WriteLogsAsync(string containerId, LogRequest request, Stream output, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The n-th made-up pod IP, in 10.0.0.0/8: for the fake runtime and simulated nodes.</summary>
    public static string PodAddress(int n) => $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";

    /// <summary>Removes the pod's containers, and its sandbox too unless told otherwise, as <c>docker rm -f</c> by hand would.</summary>
    public void Vanish(string podUid, bool sandboxToo = true)
    {
        foreach (var container in _containers.Values.Where(c => c.PodUid == podUid))
            _containers.TryRemove(container.Id, out _);
        if (sandboxToo) _sandboxes.TryRemove(podUid, out _);
    }

    /// <summary>Ends every running container of the pod with the exit code, as if its process had exited.</summary>
    public void Exit(string podUid, int exitCode)
    {
        foreach (var container in _containers.Values.Where(c => c.PodUid == podUid && c.IsRunning))
            Finish(container, exitCode);
    }

    /// <summary>Ends one running container of the pod, by name, as if its process exited with the code.</summary>
    public void Exit(string podUid, string containerName, int exitCode)
    {
        foreach (var container in _containers.Values.Where(c => c.PodUid == podUid && c.Name == containerName && c.IsRunning))
            Finish(container, exitCode);
    }

    private void Finish(RuntimeContainer container, int exitCode) =>
        _containers[container.Id] = container with
        {
            State = new ContainerState
            {
                Terminated = new ContainerStateTerminated
                {
                    ExitCode = exitCode,
                    Reason = exitCode == 0 ? "Completed" : "Error",
                    StartedAt = container.State.Running?.StartedAt,
                    FinishedAt = _clock.GetUtcNow(),
                },
            },
        };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
