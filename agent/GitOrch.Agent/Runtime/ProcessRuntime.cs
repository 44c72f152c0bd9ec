using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using GitOrch.Api.Model;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Runtime;

/// <summary>
/// Runs each container's command as a host process, as Nomad's raw exec does; the image is recorded,
/// not run. Each pod gets its own address from the node's block (held on lo; 127.1.x.y without root) as its IP and its own directory, where its volumes
/// appear as <c>volumes/NAME</c> and its containers' logs are written. What a process cannot honour
/// (another user, a read-only root, privileged mode) is refused with a clear message.
/// Processes are the agent's children, so they are not adopted after an agent restart.
/// </summary>
public sealed class ProcessRuntime(string nodeName, Func<string, string> podDirectoryOf, ILogger logger) : IContainerRuntime
{
    private readonly ConcurrentDictionary<string, ProcessContainer> _containers = new();
    private readonly ConcurrentDictionary<string, PodSandbox> _sandboxes = new();
    private PodAddressPool _addresses = PodAddressPool.Loopback();
    private int _nextId;

    public string Name => "process";

    public Task<IReadOnlyList<RuntimeContainer>> ListContainersAsync(string podUid, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RuntimeContainer>>(_containers.Values.Where(c => c.PodUid == podUid).Select(c => c.Describe()).ToList());

    public Task<RuntimeInventory> InventoryAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new RuntimeInventory(_containers.Values.Select(c => c.Describe()).ToList(), _sandboxes.Keys.ToList(), _sandboxes.Keys.ToHashSet()));

    /// <summary>Pod addresses come from the block, held on lo; without root they stay in 127.1.0.0/16, reachable from this node only.</summary>
    public Task UsePodNetworkAsync(System.Net.IPNetwork block, CancellationToken cancellationToken)
    {
        if (Network.LoopbackPodAddresses.WhyUnavailable() is { } why)
        {
            logger.LogWarning("Pods on node {Node} keep 127.1.x.y addresses, reachable from this node only: pod addresses cannot be added ({Error})", nodeName, why);
            return Task.CompletedTask;
        }
        var (slots, addressOf) = Network.LoopbackPodAddresses.Of(block);
        _addresses = new PodAddressPool(slots, addressOf, Network.LoopbackPodAddresses.Add, Network.LoopbackPodAddresses.Remove);
        logger.LogInformation("Pod addresses of node {Node} from {Block}, held on lo", nodeName, block);
        return Task.CompletedTask;
    }

    public Task<PodSandbox> EnsureSandboxAsync(Pod pod, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid!;
        Directory.CreateDirectory(podDirectoryOf(uid));
        return Task.FromResult(_sandboxes.GetOrAdd(uid, _ => new PodSandbox(uid, _addresses.Allocate(uid), null)));
    }

    public Task<string> StartContainerAsync(Pod pod, Container container, ContainerLaunch launch, CancellationToken cancellationToken)
    {
        RefuseWhatProcessesCannotDo(pod, container);
        var command = (container.Command ?? []).Concat(container.Args ?? []).ToList();
        if (command.Count == 0)
            throw new PodStartException($"container {container.Name}: the process runtime needs a command (it cannot run the image's entrypoint)");
        var podDirectory = podDirectoryOf(pod.Metadata.Uid!);
        LinkVolumes(podDirectory, launch.Mounts);
        var start = StartInfo(command, container.WorkingDir ?? podDirectory, launch.Environment);
        var log = new RotatingLogFile(PodDirectoryPaths.Inside(podDirectory, $"{container.Name}.{launch.Attempt}.log", "container log"));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PodStartException($"container {container.Name}: {command[0]} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            log.Dispose();
            throw new PodStartException($"container {container.Name}: {command[0]}: {e.Message}", "CreateContainerError", e);
        }
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) log.WriteLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) log.WriteLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var id = $"process-{Interlocked.Increment(ref _nextId)}";
        _containers[id] = new ProcessContainer(id, pod.Metadata.Uid!, container.Name, launch.Attempt, launch.IsInit, container.Image, process, DateTimeOffset.UtcNow, log, start);
        logger.LogDebug("Started {Command} as pid {Pid}", command[0], process.Id);
        return Task.FromResult(id);
    }

    public async Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!_containers.TryGetValue(containerId, out var container) || container.Process.HasExited) return;
        _ = SendSignal(container.Process.Id, Sigterm);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(grace);
        try
        {
            await container.Process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            container.Process.Kill(entireProcessTree: true);
            await container.Process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        if (!_containers.TryGetValue(containerId, out var container)) return;
        await StopContainerAsync(containerId, TimeSpan.Zero, cancellationToken);
        _containers.TryRemove(containerId, out _);
        container.Process.Dispose();
        container.Log.Dispose();
    }

    public Task RemoveSandboxAsync(string podUid, CancellationToken cancellationToken)
    {
        _sandboxes.TryRemove(podUid, out _);
        _addresses.Release(podUid);
        return Task.CompletedTask;
    }

    public Task<ContainerUsage?> UsageAsync(string containerId, CancellationToken cancellationToken) =>
        Task.FromResult(_containers.TryGetValue(containerId, out var container) && !container.Process.HasExited ? ProcessTreeUsage.Of(container.Process.Id) : null);

    /// <summary>Runs the command on the host with the container's environment and directory.</summary>
    public async Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!_containers.TryGetValue(containerId, out var container))
            throw new PodStartException($"container {containerId} is not running here", "ExecError");
        var start = StartInfo(command, container.StartInfo.WorkingDirectory, container.StartInfo.Environment.Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value ?? "")));
        using var process = Process.Start(start) ?? throw new PodStartException($"{command[0]} did not start", "ExecError");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (output) return new ExecResult(process.ExitCode, output.ToString());
    }

    public async Task WriteLogsAsync(string containerId, LogRequest request, Stream output, CancellationToken cancellationToken)
    {
        if (!_containers.TryGetValue(containerId, out var container)) return;
        var path = container.Log.Path;
        foreach (var line in RotatingLogFile.Read(path, request.Tail))
            await output.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
        if (!request.Follow) return;
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        reader.BaseStream.Seek(0, SeekOrigin.End);
        while (!cancellationToken.IsCancellationRequested)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is not null) await output.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
            else if (container.Process.HasExited) return;
            else
            {
                await output.FlushAsync(cancellationToken);
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _containers.Keys.ToList())
            await RemoveContainerAsync(id, CancellationToken.None);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> command, string workingDirectory, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var start = new ProcessStartInfo(command[0], command.Skip(1))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return start;
    }

    private static void RefuseWhatProcessesCannotDo(Pod pod, Container container)
    {
        var security = container.SecurityContext;
        string? problem =
            (security?.RunAsUser ?? pod.Spec.SecurityContext?.RunAsUser) is { } user && user != GetEffectiveUserId() ? $"runAsUser {user} (processes run as the agent's user, {GetEffectiveUserId()})"
            : security?.ReadOnlyRootFilesystem == true ? "readOnlyRootFilesystem"
            : security?.Privileged == true ? "privileged"
            : null;
        if (problem is not null)
            throw new PodStartException($"container {container.Name}: the process runtime cannot honour {problem}", "CreateContainerConfigError");
    }

    /// <summary>A process cannot mount; each mounted volume appears as <c>volumes/NAME</c> in the pod's directory instead.</summary>
    private static void LinkVolumes(string podDirectory, IReadOnlyList<VolumeBind> mounts)
    {
        var volumes = Directory.CreateDirectory(Path.Combine(podDirectory, "volumes")).FullName;
        foreach (var mount in mounts)
        {
            var link = PodDirectoryPaths.Inside(volumes, mount.Volume, "volume name");
            if (!Path.Exists(link) && Path.GetFullPath(mount.HostPath) != link) File.CreateSymbolicLink(link, mount.HostPath);
        }
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    private sealed record ProcessContainer(string Id, string PodUid, string Name, int Attempt, bool IsInit, string Image, Process Process, DateTimeOffset StartedAt, RotatingLogFile Log, ProcessStartInfo StartInfo)
    {
        public RuntimeContainer Describe()
        {
            var state = Process.HasExited
                ? new ContainerState
                {
                    Terminated = new ContainerStateTerminated
                    {
                        ExitCode = Process.ExitCode,
                        Reason = Process.ExitCode == 0 ? "Completed" : "Error",
                        StartedAt = StartedAt,
                        FinishedAt = Process.ExitTime.ToUniversalTime(),
                    },
                }
                : new ContainerState { Running = new ContainerStateRunning { StartedAt = StartedAt } };
            return new RuntimeContainer(Id, PodUid, Name, Attempt, IsInit, Image, state);
        }
    }
}
