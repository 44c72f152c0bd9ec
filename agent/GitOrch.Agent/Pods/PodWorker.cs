using GitOrch.Agent.Probes;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Pods;

/// <summary>
/// Drives one pod's containers toward its spec, one step per sync: the sandbox, then the init
/// containers one at a time in order, then the app containers; restarts by restartPolicy with
/// back-off; restarts on a failed liveness or startup probe; and computes the container statuses.
/// </summary>
public sealed class PodWorker(PodAgentServices services, Pod pod)
{
    private readonly Dictionary<string, StartFailure> _startFailures = [];
    private readonly HashSet<string> _reportedBackoffs = [];

    /// <summary>Each container's latest attempt seen, so that containers re-created after vanishing count as restarts.</summary>
    private readonly Dictionary<string, int> _lastAttempts = [];
    private PodSandbox? _sandbox;
    private bool _appsDone;

    /// <summary>The ConfigMaps, Secrets, Services and claims read for this sync's starts; read at most once per sync.</summary>
    private PodInputs? _inputs;

    public Pod Pod { get; private set; } = pod;
    public string? PodIP => _sandbox?.PodIP;
    public string? WrittenStatus { get; set; }

    /// <summary>Takes one step toward the spec and returns the status that follows from it.</summary>
    /// <param name="sandboxRunning">Whether the runtime listed the pod's sandbox as running in this sync's inventory.</param>
    public async Task<PodStatus> SyncAsync(Pod current, IReadOnlyList<RuntimeContainer> containers, bool sandboxRunning, CancellationToken cancellationToken)
    {
        Pod = current;
        var now = services.Clock.GetUtcNow();
        _inputs = null;
        foreach (var container in containers)
            _lastAttempts[container.Name] = Math.Max(container.Attempt, _lastAttempts.GetValueOrDefault(container.Name));
        if (_sandbox is not null && !sandboxRunning)
            containers = await StartOverAsync(containers, cancellationToken);
        try
        {
            if (Pod.Spec.HostNetwork == true)
                throw new PodStartException("hostNetwork is not supported: every pod runs in a network namespace of its own", "CreatePodSandboxError");
            if (_sandbox is null)
            {
                await services.Security.CheckAsync(Pod, cancellationToken);
                _sandbox = await services.Runtime.EnsureSandboxAsync(Pod, cancellationToken);
            }
        }
        catch (PodStartException e)
        {
            await RecordFailureAsync("", e, now, cancellationToken);
            return Status(containers, now, initialized: false);
        }

        var started = false;
        var initialized = true;
        _appsDone = Sidecars.AppsAreDone(Pod, name => Latest(containers, name));
        foreach (var init in Pod.Spec.InitContainers ?? [])
        {
            var latest = Latest(containers, init.Name);
            if (Sidecars.Is(init) && latest?.IsRunning == true)
            {
                if (_appsDone) services.StopInBackground(Pod, latest, PodIP);
                else await WatchProbesAsync(init, latest, cancellationToken);
                if (_appsDone || services.Probes.IsStarted(latest.Id)) continue;
            }
            else if (latest?.Terminated is { ExitCode: 0 } || (Sidecars.Is(init) && _appsDone)) continue;
            initialized = false;
            if (latest is null || (latest.Terminated is not null && RestartDue(init, latest, isInit: true, now)))
                started = await StartAsync(init, NextAttempt(init.Name, latest), isInit: true, now, cancellationToken);
            break;
        }
        if (initialized)
        {
            foreach (var container in Pod.Spec.Containers)
            {
                var latest = Latest(containers, container.Name);
                if (latest is null || (latest.Terminated is not null && RestartDue(container, latest, isInit: false, now)))
                    started |= await StartAsync(container, NextAttempt(container.Name, latest), isInit: false, now, cancellationToken);
                else if (latest.IsRunning)
                    await WatchProbesAsync(container, latest, cancellationToken);
            }
        }
        if (started)
        {
            containers = await services.Runtime.ListContainersAsync(Pod.Metadata.Uid!, cancellationToken);
            // Probes start with the container, so that it is never reported ready before its readiness probe has passed.
            foreach (var container in Pod.Spec.Containers)
                if (Latest(containers, container.Name) is { IsRunning: true } running)
                    services.Probes.Ensure(new ProbeTarget(Pod, container, running, _sandbox!.PodIP));
        }
        await RemoveOldAttemptsAsync(containers, cancellationToken);
        return Status(containers, now, initialized);
    }

    /// <summary>
    /// The sandbox is gone or stopped (removed by hand, or a daemon restart), and with it the pod's
    /// network: like the kubelet, remove what is left and start the whole pod again in a new sandbox.
    /// </summary>
    private async Task<IReadOnlyList<RuntimeContainer>> StartOverAsync(IReadOnlyList<RuntimeContainer> containers, CancellationToken cancellationToken)
    {
        services.Logger.LogWarning("Pod {Namespace}/{Pod} lost its sandbox; re-creating it and its containers", Pod.Namespace, Pod.Name);
        await services.RecordAsync(Pod, "Normal", "SandboxChanged", "Pod sandbox is gone, it will be re-created", cancellationToken);
        foreach (var container in containers)
            await services.Runtime.RemoveContainerAsync(container.Id, cancellationToken);
        _sandbox = null;
        return [];
    }

    /// <summary>The attempt number of a container's next start: one past the latest ever seen, so a re-created container counts as a restart.</summary>
    private int NextAttempt(string container, RuntimeContainer? latest) =>
        latest is not null ? latest.Attempt + 1
        : _lastAttempts.TryGetValue(container, out var last) ? last + 1
        : 0;

    /// <summary>A store that cannot be read is a start failure like a missing ConfigMap: recorded, and retried with back-off.</summary>
    private async Task<PodInputs> LoadInputsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return _inputs ??= await PodInputs.LoadAsync(services.Client, Pod, services.Options.NodeName, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new PodStartException(e.Message, "CreateContainerConfigError", e);
        }
    }

    private async Task<bool> StartAsync(Container container, int attempt, bool isInit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_startFailures.TryGetValue(container.Name, out var failure) && now < failure.At + services.Backoff.Delay(failure.Count, TimeSpan.Zero))
            return false;
        try
        {
            var inputs = await LoadInputsAsync(cancellationToken);
            var volumes = services.Volumes.Prepare(Pod, inputs);
            var launch = new ContainerLaunch(
                _sandbox!,
                attempt,
                isInit,
                ContainerEnvironment.Resolve(Pod, container, inputs, _sandbox!.PodIP, services.Options.Address),
                WithDnsFiles(PodVolumes.Binds(container, volumes)),
                RegistryCredentials.From(Pod, inputs));
            await services.Runtime.StartContainerAsync(Pod, container, launch, cancellationToken);
            _lastAttempts[container.Name] = attempt;
            _startFailures.Remove(container.Name);
            return true;
        }
        catch (PodStartException e)
        {
            await RecordFailureAsync(container.Name, e, now, cancellationToken);
            return false;
        }
    }

    /// <summary>Docker containers get the pod's resolv.conf and hosts, unless they mount their own; processes share the host's.</summary>
    private IReadOnlyList<VolumeBind> WithDnsFiles(IReadOnlyList<VolumeBind> binds) =>
        services.Runtime.Name != "docker" ? binds
        : [.. binds, .. Dns.PodDnsFiles.Write(Pod, services.Volumes.PodDirectory(Pod.Metadata.Uid!), _sandbox!.PodIP)
            .Where(file => binds.All(own => own.ContainerPath != file.ContainerPath))];

    private bool RestartDue(Container container, RuntimeContainer exited, bool isInit, DateTimeOffset now) =>
        ShouldRestart(container, exited, isInit) && now >= RestartAt(exited);

    /// <summary>A sidecar restarts until the app containers are done; any other container by the pod's restart policy.</summary>
    private bool ShouldRestart(Container container, RuntimeContainer exited, bool isInit) =>
        Sidecars.Is(container) ? !_appsDone : RestartBackoff.ShouldRestart(Pod.Spec.RestartPolicy, exited.Terminated!.ExitCode, isInit);

    private DateTimeOffset RestartAt(RuntimeContainer exited)
    {
        var finished = exited.Terminated!.FinishedAt ?? services.Clock.GetUtcNow();
        var ranFor = finished - (exited.Terminated.StartedAt ?? finished);
        return finished + services.Backoff.Delay(exited.Attempt, ranFor);
    }

    private async Task WatchProbesAsync(Container container, RuntimeContainer running, CancellationToken cancellationToken)
    {
        var target = new ProbeTarget(Pod, container, running, _sandbox!.PodIP);
        services.Probes.Ensure(target);
        if (services.Probes.RestartDemand(running.Id) is { } failed && !services.Stopping.ContainsKey(running.Id))
        {
            await services.RecordAsync(Pod, "Normal", "Killing", $"Container {container.Name} failed {failed.Kind.ToString().ToLowerInvariant()} probe, will be restarted", cancellationToken);
            services.StopInBackground(Pod, running, PodIP);
        }
    }

    /// <summary>Keeps the latest two attempts of each container: the current one and the one <c>--previous</c> shows.</summary>
    private async Task RemoveOldAttemptsAsync(IReadOnlyList<RuntimeContainer> containers, CancellationToken cancellationToken)
    {
        foreach (var group in containers.GroupBy(c => c.Name))
            foreach (var old in group.OrderByDescending(c => c.Attempt).Skip(2).Where(c => !c.IsRunning))
                await services.Runtime.RemoveContainerAsync(old.Id, cancellationToken);
    }

    private async Task RecordFailureAsync(string container, PodStartException e, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = _startFailures.TryGetValue(container, out var previous) ? previous.Count + 1 : 1;
        _startFailures[container] = new StartFailure(count, now, e.Reason, e.Message);
        if (previous?.Message != e.Message)
        {
            services.Logger.LogWarning("Pod {Namespace}/{Pod} container {Container} cannot start: {Error}", Pod.Namespace, Pod.Name, container, e.Message);
            await services.RecordAsync(Pod, "Warning", "Failed", container.Length == 0 ? e.Message : $"container {container}: {e.Message}", cancellationToken);
        }
    }

    private PodStatus Status(IReadOnlyList<RuntimeContainer> containers, DateTimeOffset now, bool initialized)
    {
        var init = (Pod.Spec.InitContainers ?? []).Select(c => ContainerStatusOf(c, containers, isInit: true, initialized)).ToList();
        var app = Pod.Spec.Containers.Select(c => ContainerStatusOf(c, containers, isInit: false, initialized)).ToList();
        return PodStatusBuilder.Build(Pod, _sandbox?.PodIP, init, app, services.Options.Address, now);
    }

    private ContainerStatus ContainerStatusOf(Container container, IReadOnlyList<RuntimeContainer> containers, bool isInit, bool initialized)
    {
        var attempts = containers.Where(c => c.Name == container.Name).OrderByDescending(c => c.Attempt).ToList();
        var latest = attempts.FirstOrDefault();
        var previous = attempts.Skip(1).FirstOrDefault();
        var failure = _startFailures.GetValueOrDefault(container.Name) ?? _startFailures.GetValueOrDefault("");
        var status = new ContainerStatus { Name = container.Name, Image = container.Image, RestartCount = latest?.Attempt ?? 0 };
        if (latest is null)
        {
            var reason = failure?.Reason ?? (isInit || initialized ? "ContainerCreating" : "PodInitializing");
            return status with { State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = reason, Message = failure?.Message } }, Started = false };
        }
        status = status with { ContainerID = latest.Id };
        if (latest.IsRunning)
            return status with
            {
                State = latest.State,
                LastState = previous?.State,
                Started = services.Probes.IsStarted(latest.Id),
                Ready = !isInit && services.Probes.IsReady(latest.Id) && !services.Stopping.ContainsKey(latest.Id),
            };
        if (ShouldRestart(container, latest, isInit))
        {
            var wait = RestartAt(latest) - services.Clock.GetUtcNow();
            var message = failure?.Message ?? $"back-off {Math.Ceiling(Math.Max(wait.TotalSeconds, 0))}s restarting failed container={container.Name} pod={Pod.Name}";
            ReportBackoffOnce(latest, message);
            return status with
            {
                State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = failure?.Reason ?? "CrashLoopBackOff", Message = message } },
                LastState = latest.State,
                Started = false,
            };
        }
        return status with { State = latest.State, LastState = previous?.State, Started = false };
    }

    private void ReportBackoffOnce(RuntimeContainer exited, string message)
    {
        if (_reportedBackoffs.Add(exited.Id))
            _ = services.RecordAsync(Pod, "Warning", "BackOff", $"Back-off restarting failed container {exited.Name}: {message}", CancellationToken.None);
    }

    private static RuntimeContainer? Latest(IReadOnlyList<RuntimeContainer> containers, string name) =>
        containers.Where(c => c.Name == name).MaxBy(c => c.Attempt);

    private sealed record StartFailure(int Count, DateTimeOffset At, string Reason, string Message);
}
