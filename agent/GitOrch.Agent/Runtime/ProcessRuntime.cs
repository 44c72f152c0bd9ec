using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using GitOrch.Api.Model;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Runtime;

/// <summary>
/// Runs each container's command as a host process, as Nomad's raw exec does; the image is recorded,
/// not run. Each pod gets its own loopback address as its IP, its own working directory, and log files.
/// </summary>
public sealed class ProcessRuntime(string stateDirectory, PersistentVolumes volumes, ILogger logger) : IContainerRuntime
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, RunningPod> _pods = new();
    private readonly LoopbackAddresses _addresses = new();

    public string Name => "process";

    public Task<IReadOnlyCollection<string>> ListPodUidsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>(_pods.Keys.ToList());

    public Task StartPodAsync(Pod pod, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid!;
        var directory = Directory.CreateDirectory(Path.Combine(stateDirectory, uid)).FullName;
        LinkClaims(directory, volumes.Prepare(pod));
        var podIP = _addresses.Allocate(uid);
        var running = new RunningPod(podIP, DateTimeOffset.UtcNow, []);
        try
        {
            foreach (var container in pod.Spec.Containers)
                running.Containers.Add(StartContainer(pod, container, podIP, directory));
        }
        catch (Exception e) when (e is PodStartException or System.ComponentModel.Win32Exception)
        {
            Terminate(running, TimeSpan.Zero);
            _addresses.Release(uid);
            throw e as PodStartException ?? new PodStartException(e.Message, e);
        }
        _pods[uid] = running;
        return Task.CompletedTask;
    }

    public Task<PodRuntimeState?> InspectPodAsync(string podUid, CancellationToken cancellationToken)
    {
        if (!_pods.TryGetValue(podUid, out var running)) return Task.FromResult<PodRuntimeState?>(null);
        var statuses = running.Containers.Select(container => container.Status()).ToList();
        return Task.FromResult<PodRuntimeState?>(new PodRuntimeState(running.PodIP, running.StartedAt, statuses));
    }

    public async Task StopPodAsync(string podUid, CancellationToken cancellationToken)
    {
        if (!_pods.TryRemove(podUid, out var running)) return;
        await Task.Run(() => Terminate(running, GracePeriod), cancellationToken);
        _addresses.Release(podUid);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var uid in _pods.Keys.ToList())
            await StopPodAsync(uid, CancellationToken.None);
    }

    /// <summary>A process cannot mount; each claim volume appears as <c>volumes/NAME</c> in the pod's directory instead.</summary>
    private static void LinkClaims(string podDirectory, IReadOnlyDictionary<string, string> claims)
    {
        foreach (var (name, target) in claims)
        {
            var link = Path.Combine(Directory.CreateDirectory(Path.Combine(podDirectory, "volumes")).FullName, name);
            if (!Path.Exists(link)) File.CreateSymbolicLink(link, target);
        }
    }

    private RunningContainer StartContainer(Pod pod, Container container, string podIP, string podDirectory)
    {
        var command = (container.Command ?? []).Concat(container.Args ?? []).ToList();
        if (command.Count == 0)
            throw new PodStartException($"container {container.Name}: the process runtime needs a command (it cannot run the image's entrypoint)");
        var start = new ProcessStartInfo(command[0], command.Skip(1))
        {
            WorkingDirectory = container.WorkingDir ?? podDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOSTNAME"] = pod.Name;
        foreach (var (name, value) in EnvironmentResolver.Resolve(pod, container, podIP, "127.0.0.1"))
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new PodStartException($"container {container.Name}: {command[0]} did not start");
        var log = new StreamWriter(Path.Combine(podDirectory, $"{container.Name}.log"), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        logger.LogDebug("Started {Command} as pid {Pid}", command[0], process.Id);
        return new RunningContainer(container.Name, container.Image, process, DateTimeOffset.UtcNow, log);
    }

    /// <summary>SIGTERM first, then SIGKILL for whatever outlives the grace period.</summary>
    private static void Terminate(RunningPod pod, TimeSpan grace)
    {
        foreach (var container in pod.Containers.Where(container => !container.Process.HasExited))
            _ = SendSignal(container.Process.Id, Sigterm);
        var deadline = DateTime.UtcNow + grace;
        foreach (var container in pod.Containers)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !container.Process.WaitForExit(left))
                container.Process.Kill(entireProcessTree: true);
            container.Process.WaitForExit();
            container.Process.Dispose();
            lock (container.Log) container.Log.Dispose();
        }
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    private sealed record RunningPod(string PodIP, DateTimeOffset StartedAt, List<RunningContainer> Containers);

    private sealed record RunningContainer(string Name, string Image, Process Process, DateTimeOffset StartedAt, StreamWriter Log)
    {
        public ContainerStatus Status()
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
            return new ContainerStatus
            {
                Name = Name,
                Image = Image,
                ContainerID = $"process://{Process.Id}",
                Ready = !Process.HasExited,
                State = state,
            };
        }
    }
}
