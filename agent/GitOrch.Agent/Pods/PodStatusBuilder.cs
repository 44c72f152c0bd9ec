using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Agent.Pods;

/// <summary>Turns container statuses into the pod's status: phase, IPs and conditions, keeping transition times that did not change.</summary>
public static class PodStatusBuilder
{
    public static PodStatus Build(Pod pod, string? podIP, IReadOnlyList<ContainerStatus> init, IReadOnlyList<ContainerStatus> app, string hostIP, DateTimeOffset now)
    {
        // A sidecar counts as initialized once it has started, or once the app containers have, whatever it does after.
        var sidecars = (pod.Spec.InitContainers ?? []).Where(Sidecars.Is).Select(container => container.Name).ToHashSet(StringComparer.Ordinal);
        var appsStarted = app.Any(status => !NeverStarted(status));
        var initialized = init.All(s => sidecars.Contains(s.Name) ? s.Started == true || appsStarted : s.State?.Terminated is { ExitCode: 0 });
        var initFailed = init.Any(s => !sidecars.Contains(s.Name) && s.State?.Terminated is { ExitCode: not 0 });
        var ready = initialized && app.Count > 0 && app.All(s => s.Ready);
        var phase =
            initFailed ? PodPhases.Failed
            : !initialized || app.Any(NeverStarted) ? PodPhases.Pending
            : app.All(s => s.State?.Terminated is not null) ? (app.All(s => s.State!.Terminated!.ExitCode == 0) ? PodPhases.Succeeded : PodPhases.Failed)
            : PodPhases.Running;
        var firstStart = init.Concat(app).Select(StartedAt).Where(t => t is not null).Min();
        return new PodStatus
        {
            Phase = phase,
            HostIP = hostIP,
            PodIP = podIP,
            StartTime = pod.Status?.StartTime ?? firstStart,
            Conditions =
            [
                Condition(pod, PodConditions.Scheduled, true, now),
                Condition(pod, PodConditions.Initialized, initialized, now),
                Condition(pod, PodConditions.ContainersReady, ready, now),
                Condition(pod, PodConditions.Ready, ready, now),
            ],
            InitContainerStatuses = init.Count == 0 ? null : init.ToList(),
            ContainerStatuses = app.ToList(),
        };
    }

    /// <summary>A pod on a simulated node: every container running and ready since now.</summary>
    public static PodStatus Running(Pod pod, string podIP, string hostIP, DateTimeOffset now) =>
        Build(pod, podIP, [], pod.Spec.Containers.Select(c => new ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            Ready = true,
            Started = true,
            State = new ContainerState { Running = new ContainerStateRunning { StartedAt = now } },
        }).ToList(), hostIP, now);

    private static bool NeverStarted(ContainerStatus status) => status.State?.Waiting is not null && status.LastState is null;

    private static DateTimeOffset? StartedAt(ContainerStatus status) =>
        status.State?.Running?.StartedAt ?? status.State?.Terminated?.StartedAt ?? status.LastState?.Terminated?.StartedAt;

    /// <summary>The transition time stays as it was unless the condition's status changed: it tells how long a pod has been ready.</summary>
    private static Condition Condition(Pod pod, string type, bool status, DateTimeOffset now)
    {
        var text = status ? "True" : "False";
        var previous = pod.Status?.Conditions?.FirstOrDefault(condition => condition.Type == type);
        return new Condition { Type = type, Status = text, LastTransitionTime = previous?.Status == text ? previous.LastTransitionTime ?? now : now };
    }
}
