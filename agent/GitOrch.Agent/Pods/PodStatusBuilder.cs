using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Pods;

/// <summary>Turns what the runtime reports into the pod's status: phase, IPs, conditions and container states.</summary>
public static class PodStatusBuilder
{
    public static PodStatus Build(Pod pod, PodRuntimeState state, string hostIP)
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
                Condition("PodScheduled", true),
                Condition("Initialized", true),
                Condition("ContainersReady", allRunning),
                Condition("Ready", allRunning),
            ],
            ContainerStatuses = containers.ToList(),
        };
    }

    public static PodStatus Failed(string reason, string message, string hostIP) => new()
    {
        Phase = "Pending",
        HostIP = hostIP,
        Reason = reason,
        Message = message,
        Conditions = [Condition("PodScheduled", true), Condition("Ready", false)],
    };

    private static Condition Condition(string type, bool status) =>
        new() { Type = type, Status = status ? "True" : "False" };
}
