
namespace GitOrch.Api.Model;

/// <summary>
/// The STATUS a pod list shows, as kubectl works it out: an init container's trouble as Init:REASON,
/// then the first container that is waiting or has stopped with a reason (CrashLoopBackOff,
/// ErrImagePull, Error), else the pod's reason or phase.
/// </summary>
public static class PodStatusText
{
    public static string For(Pod pod)
    {
        if (pod.Status is not { } status) return "Pending";
        if (status.Phase is "Pending" && (status.InitContainerStatuses ?? []).Select(Trouble).OfType<string>().FirstOrDefault() is { } init)
            return $"Init:{init}";
        return (status.ContainerStatuses ?? []).Select(Trouble).OfType<string>().FirstOrDefault() ?? status.Reason ?? status.Phase ?? "Pending";
    }

    /// <summary>Why a container is not running, when it says: a waiting reason other than starting up, or a terminated reason.</summary>
    private static string? Trouble(ContainerStatus container) =>
        container.State?.Waiting?.Reason is { Length: > 0 } waiting && waiting != "ContainerCreating" && waiting != "PodInitializing" ? waiting
        : container.State?.Terminated?.Reason is { Length: > 0 } terminated && terminated != "Completed" ? terminated
        : null;
}
