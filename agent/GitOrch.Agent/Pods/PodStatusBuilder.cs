using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Pods;

/// <summary>Turns what the runtime reports into the pod's status: phase, IPs, conditions and container states.</summary>
public static class PodStatusBuilder
{
    public static PodStatus Build(Pod pod, PodRuntimeState state, string hostIP, DateTimeOffset now)
    {
        var containers = state.Containers;
        var allRunning = containers.Count > 0 && containers.All(c => c.State?.Running is not null);
        var terminated = containers.Where(c => c.State?.Terminated is not null).ToList();
        var phase =
            allRunning ? "Running"
            : terminated.Count == containers.Count && terminated.All(c => c.State!.Terminated!.ExitCode == 0) ? "Succeeded"
            : terminated.Count > 0 && (pod.Spec.RestartPolicy ?? "Always") == "Never" ? "Failed"
            : terminated.Count > 0 && containers.Any(c => c.State?.Running is not null) ? "Running"
            : terminated.Count > 0 ? "Failed"
            : "Pending";
        return new PodStatus
        {
            Phase = phase,
            HostIP = hostIP,
            PodIP = state.PodIP,
            StartTime = state.StartedAt,
            Conditions =
            [
                Condition(pod, "PodScheduled", true, now),
                Condition(pod, "Initialized", true, now),
                Condition(pod, "ContainersReady", allRunning, now),
                Condition(pod, "Ready", allRunning, now),
            ],
            ContainerStatuses = containers.ToList(),
        };
    }

    public static PodStatus Failed(Pod pod, string reason, string message, string hostIP, DateTimeOffset now) => new()
    {
        Phase = "Pending",
        HostIP = hostIP,
        Reason = reason,
        Message = message,
        Conditions = [Condition(pod, "PodScheduled", true, now), Condition(pod, "Ready", false, now)],
    };

    /// <summary>The transition time stays as it was unless the condition's status changed: it tells how long a pod has been ready.</summary>
    private static Condition Condition(Pod pod, string type, bool status, DateTimeOffset now)
    {
        var text = status ? "True" : "False";
        var previous = pod.Status?.Conditions?.FirstOrDefault(condition => condition.Type == type);
        return new Condition { Type = type, Status = text, LastTransitionTime = previous?.Status == text ? previous.LastTransitionTime ?? now : now };
    }
}
