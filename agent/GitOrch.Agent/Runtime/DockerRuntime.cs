using System.Collections.Concurrent;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using GitOrch.Api.Model;
using Microsoft.Extensions.Logging;
using static GitOrch.Agent.Runtime.DockerContainerConfig;

namespace GitOrch.Agent.Runtime;

/// <summary>
/// Runs pods on a Docker daemon. Each pod has a sandbox container that owns its network namespace;
/// its containers join it, so they share one IP and talk over localhost. Every container carries the
/// pod uid, node, container name and attempt as labels, which is how a restarted agent finds them again.
/// </summary>
public sealed class DockerRuntime : IContainerRuntime
{
    /// <summary>DOCKER_HOST when set, as the docker CLI has it; else the local socket.</summary>
    public static string DefaultEndpoint => Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";

    private readonly DockerClient _docker;
    private readonly AgentOptions _options;
    private readonly DockerImages _images;
    private readonly ConcurrentDictionary<string, (string ListedState, ContainerState State)> _inspected = new();
    private readonly DockerPodNetwork _podNetwork;
    private string? _networkName;

    private DockerRuntime(DockerClient docker, AgentOptions options, ILogger logger)
    {
        _docker = docker;
        _options = options;
        _images = new DockerImages(docker, logger);
        _podNetwork = new DockerPodNetwork(docker, options.NodeName, logger);
    }

    public string Name => "docker";

    /// <summary>Connects and pings the daemon; returns null when no daemon answers.</summary>
    public static async Task<DockerRuntime?> TryConnectAsync(AgentOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var docker = new DockerClientBuilder().WithEndpoint(new Uri(options.DockerEndpoint)).Build();
        try
        {
            await docker.System.PingAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return new DockerRuntime(docker, options, logger);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("No Docker daemon at {Endpoint}: {Error}", options.DockerEndpoint, e.Message);
            docker.Dispose();
            return null;
        }
    }

    public async Task<IReadOnlyList<RuntimeContainer>> ListContainersAsync(string podUid, CancellationToken cancellationToken) =>
        await ToContainersAsync(await ListAsync(podUid, cancellationToken), cancellationToken);

    public async Task<RuntimeInventory> InventoryAsync(CancellationToken cancellationToken)
    {
        var listed = await ListAsync(null, cancellationToken);
        var ids = listed.Select(c => c.ID).ToHashSet();
        foreach (var gone in _inspected.Keys.Where(id => !ids.Contains(id)).ToList())
            _inspected.TryRemove(gone, out _);
        var sandboxes = listed.Where(c => Label(c, RoleLabel) == "infra").ToList();
        return new RuntimeInventory(await ToContainersAsync(listed, cancellationToken),
            sandboxes.Select(c => c.Labels[WellKnown.PodUid]).ToHashSet(),
            sandboxes.Where(c => c.State == "running").Select(c => c.Labels[WellKnown.PodUid]).ToHashSet());
    }

    private async Task<IReadOnlyList<RuntimeContainer>> ToContainersAsync(IEnumerable<ContainerListResponse> listed, CancellationToken cancellationToken)
    {
        var containers = new List<RuntimeContainer>();
        foreach (var summary in listed.Where(c => Label(c, RoleLabel) is "app" or "init"))
        {
            containers.Add(new RuntimeContainer(
                summary.ID,
                summary.Labels[WellKnown.PodUid],
                summary.Labels[ContainerNameLabel],
                int.Parse(Label(summary, AttemptLabel) ?? "0", CultureInfo.InvariantCulture),
                summary.Labels[RoleLabel] == "init",
                summary.Image,
                await StateAsync(summary, cancellationToken)));
        }
        return containers;
    }

    public async Task UsePodNetworkAsync(System.Net.IPNetwork block, CancellationToken cancellationToken)
    {
        await _podNetwork.EnsureAsync(block, cancellationToken);
        _networkName = _podNetwork.Name;
    }

    public async Task<PodSandbox> EnsureSandboxAsync(Pod pod, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid!;
        var existing = (await ListAsync(uid, cancellationToken)).FirstOrDefault(c => Label(c, RoleLabel) == "infra");
        try
        {
            string id;
            if (existing is null)
            {
                await _images.EnsureAsync(_options.InfraImage, "IfNotPresent", [], cancellationToken);
                id = (await _docker.Containers.CreateContainerAsync(Sandbox(pod, _options.NodeName, _options.InfraImage, _networkName), cancellationToken)).ID;
            }
            else id = existing.ID;
            if (existing?.State != "running")
                await _docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);
            var details = await _docker.Containers.InspectContainerAsync(id, cancellationToken);
            var networks = details.NetworkSettings?.Networks;
            var joined = _networkName is not null && networks?.TryGetValue(_networkName, out var own) == true ? own : networks?.Values.FirstOrDefault();
            var ip = joined?.IPAddress ?? "";
            return new PodSandbox(uid, ip, id);
        }
        catch (DockerApiException e)
        {
            await RemoveSandboxAsync(uid, CancellationToken.None);
            throw new PodStartException($"pod sandbox: {FirstLine(e.ResponseBody) ?? e.Message}", "CreatePodSandboxError", e);
        }
    }

    public async Task<string> StartContainerAsync(Pod pod, Container container, ContainerLaunch launch, CancellationToken cancellationToken)
    {
        await _images.EnsureAsync(container.Image, container.ImagePullPolicy, launch.Credentials, cancellationToken);
        string? id = null;
        try
        {
            id = (await _docker.Containers.CreateContainerAsync(Container(pod, container, launch, _options.NodeName, _options.AllowPrivileged), cancellationToken)).ID;
            await _docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);
            return id;
        }
        catch (DockerApiException e)
        {
            if (id is not null) await RemoveContainerAsync(id, CancellationToken.None);
            throw new PodStartException(FirstLine(e.ResponseBody) ?? e.Message, "CreateContainerError", e);
        }
    }

    public async Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken)
    {
        try
        {
            var seconds = (uint)Math.Ceiling(Math.Max(0, grace.TotalSeconds));
            await _docker.Containers.StopContainerAsync(containerId, new ContainerStopParameters { WaitBeforeKillSeconds = seconds }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await _docker.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        _inspected.TryRemove(containerId, out _);
    }

    public async Task RemoveSandboxAsync(string podUid, CancellationToken cancellationToken)
    {
        foreach (var container in await ListAsync(podUid, cancellationToken))
            await RemoveContainerAsync(container.ID, cancellationToken);
    }

    /// <summary>Keeps the stats sample as Docker reports it, on the reporting thread (Progress&lt;T&gt; would post it later).</summary>
    private sealed class LastSample : IProgress<ContainerStatsResponse>
    {
        public ContainerStatsResponse? Value { get; private set; }

        public void Report(ContainerStatsResponse value) => Value = value;
    }

    /// <summary>One sample of Docker's stats; memory leaves out the page cache the kernel can drop, as <c>docker stats</c> does.</summary>
    public async Task<ContainerUsage?> UsageAsync(string containerId, CancellationToken cancellationToken)
    {
        var sample = new LastSample();
        await _docker.Containers.GetContainerStatsAsync(containerId, new ContainerStatsParameters { Stream = false, OneShot = true }, sample, cancellationToken);
        var stats = sample.Value;
        if (stats?.CPUStats?.CPUUsage is not { } cpu) return null;
        var memory = (long)(stats.MemoryStats?.Usage ?? 0);
        if (stats.MemoryStats?.Stats?.TryGetValue("inactive_file", out var cache) == true) memory -= (long)cache;
        return new ContainerUsage(TimeSpan.FromTicks((long)(cpu.TotalUsage / 100)), Math.Max(0, memory));
    }

    public async Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var exec = await _docker.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters { Cmd = command.ToList(), AttachStdout = true, AttachStderr = true }, deadline.Token);
            using var stream = await _docker.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), deadline.Token);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(deadline.Token);
            var inspect = await _docker.Exec.InspectContainerExecAsync(exec.ID, deadline.Token);
            return new ExecResult((int)(inspect.ExitCode ?? -1), stdout + stderr);
        }
        catch (DockerApiException e)
        {
            throw new PodStartException(FirstLine(e.ResponseBody) ?? e.Message, "ExecError", e);
        }
    }

    public async Task WriteLogsAsync(string containerId, LogRequest request, Stream output, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Follow = request.Follow,
            Tail = request.Tail?.ToString(CultureInfo.InvariantCulture) ?? "all",
        };
        using var stream = await _docker.Containers.GetContainerLogsAsync(containerId, parameters, cancellationToken);
        await stream.CopyOutputToAsync(Stream.Null, output, output, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _docker.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<IList<ContainerListResponse>> ListAsync(string? podUid, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, bool> { [$"{WellKnown.NodeName}={_options.NodeName}"] = true };
        if (podUid is not null) labels[$"{WellKnown.PodUid}={podUid}"] = true;
        return await _docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels },
        }, cancellationToken);
    }

    /// <summary>A container's state, inspected once per state the list reports: a running or exited container's times do not change.</summary>
    private async Task<ContainerState> StateAsync(ContainerListResponse summary, CancellationToken cancellationToken)
    {
        if (_inspected.TryGetValue(summary.ID, out var known) && known.ListedState == summary.State) return known.State;
        var details = await _docker.Containers.InspectContainerAsync(summary.ID, cancellationToken);
        var state = ToState(details.State ?? new State());
        _inspected[summary.ID] = (summary.State, state);
        return state;
    }

    private static ContainerState ToState(State state)
    {
        if (state.Running)
            return new ContainerState { Running = new ContainerStateRunning { StartedAt = Time(state.StartedAt) } };
        var exitCode = Time(state.FinishedAt) is null ? 128 : (int)state.ExitCode;
        return new ContainerState
        {
            Terminated = new ContainerStateTerminated
            {
                ExitCode = exitCode,
                Reason = state.OOMKilled ? "OOMKilled" : Time(state.FinishedAt) is null ? "ContainerCannotRun" : exitCode == 0 ? "Completed" : "Error",
                Message = string.IsNullOrEmpty(state.Error) ? null : state.Error,
                StartedAt = Time(state.StartedAt),
                FinishedAt = Time(state.FinishedAt),
            },
        };
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out var time) && time.Year > 1 ? time : null;

    private static string? Label(ContainerListResponse container, string key) =>
        container.Labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>Docker's error body is JSON with a message; the message's first line is what a user needs.</summary>
    private static string? FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            text = System.Text.Json.Nodes.JsonNode.Parse(text)?["message"]?.GetValue<string>() ?? text;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
    }
}
