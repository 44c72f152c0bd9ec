using GitOrch.Agent.Probes;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Pods;

/// <summary>
/// Stops a running container the way Kubernetes does: its preStop hook first, then SIGTERM, then
/// SIGKILL once the pod's terminationGracePeriodSeconds (default 30) have passed since the start.
/// </summary>
public sealed class ContainerStopper(IContainerRuntime runtime, TimeProvider clock)
{
    private static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(30);

    /// <summary>After a preStop hook used up the grace period, the container still gets this long to exit on SIGTERM.</summary>
    private static readonly TimeSpan MinimumAfterHook = TimeSpan.FromSeconds(2);

    private readonly ActionRunner _runner = new(runtime);

    public async Task StopAsync(Pod? pod, RuntimeContainer container, string? podIP, CancellationToken cancellationToken)
    {
        var grace = pod?.Spec.TerminationGracePeriodSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultGrace;
        var started = clock.GetTimestamp();
        var spec = pod?.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).FirstOrDefault(c => c.Name == container.Name);
        var hasHook = spec?.Lifecycle?.PreStop is not null;
        if (container.IsRunning && spec?.Lifecycle?.PreStop is { } hook && pod is not null)
        {
            if (hook.Sleep is { } sleep)
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(sleep.Seconds, grace.TotalSeconds)), clock, cancellationToken);
            else
                await _runner.RunAsync(hook.Exec, hook.HttpGet, hook.TcpSocket, grpc: null, new ProbeTarget(pod, spec, container, podIP ?? "127.0.0.1"), grace, cancellationToken);
        }
        var left = grace - clock.GetElapsedTime(started);
        if (hasHook && left < MinimumAfterHook) left = MinimumAfterHook;
        await runtime.StopContainerAsync(container.Id, left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken);
    }
}
