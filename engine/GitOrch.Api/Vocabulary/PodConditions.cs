using GitOrch.Api.Model;

namespace GitOrch.Api.Vocabulary;

/// <summary>A pod's condition types, and what controllers, the proxy and the CLI ask of its status: is it ready, available, or finished.</summary>
public static class PodConditions
{
    public const string Ready = "Ready";
    public const string Scheduled = "PodScheduled";
    public const string Initialized = "Initialized";
    public const string ContainersReady = "ContainersReady";

    public static bool IsReady(Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>Ready for at least <paramref name="minReadySeconds"/>.</summary>
    public static bool IsAvailable(Pod pod, int minReadySeconds, DateTimeOffset now) =>
        IsReady(pod) && UntilAvailable(pod, minReadySeconds, now) <= TimeSpan.Zero;

    /// <summary>How long a ready pod still has to stay ready to count as available.</summary>
    public static TimeSpan UntilAvailable(Pod pod, int minReadySeconds, DateTimeOffset now) =>
        minReadySeconds <= 0 || ReadyCondition(pod)?.LastTransitionTime is not { } since
            ? TimeSpan.Zero
            : since + TimeSpan.FromSeconds(minReadySeconds) - now;

    /// <summary>Succeeded or Failed: the pod will not run again.</summary>
    public static bool IsFinished(Pod pod) => pod.Status?.Phase is PodPhases.Succeeded or PodPhases.Failed;

    private static Condition? ReadyCondition(Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(condition => condition.Type == Ready);
}
