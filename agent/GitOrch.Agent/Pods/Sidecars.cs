using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Pods;

/// <summary>
/// An init container with <c>restartPolicy: Always</c> is a sidecar: it starts in its turn among the
/// init containers, the next one starts once it has started (not finished), it restarts whenever it
/// exits, and it is stopped once the app containers are done for good, so a Job's pod can complete.
/// </summary>
public static class Sidecars
{
    public static bool Is(Container container) => container.RestartPolicy == "Always";

    /// <summary>Every app container has exited, given each one's latest run, and the pod's restart policy restarts none of them.</summary>
    public static bool AppsAreDone(Pod pod, Func<string, RuntimeContainer?> latest) =>
        pod.Spec.Containers.All(container => latest(container.Name)?.Terminated is { } exit && !RestartBackoff.ShouldRestart(pod.Spec.RestartPolicy, exit.ExitCode, isInit: false));
}
