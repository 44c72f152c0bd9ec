using GitOrch.Api.Model;

namespace GitOrch.Agent.Runtime;

/// <summary>What a runtime reports about one pod it runs.</summary>
public sealed record PodRuntimeState(string? PodIP, DateTimeOffset? StartedAt, IReadOnlyList<ContainerStatus> Containers);

/// <summary>Runs the containers of pods on this node: through Docker, as host processes, or faked for tests.</summary>
public interface IContainerRuntime : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The uids of every pod this runtime holds containers for on this node, running or not.</summary>
    Task<IReadOnlyCollection<string>> ListPodUidsAsync(CancellationToken cancellationToken);

    /// <summary>Starts every container of the pod. A failure leaves nothing of the pod behind.</summary>
    Task StartPodAsync(Pod pod, CancellationToken cancellationToken);

    Task<PodRuntimeState?> InspectPodAsync(string podUid, CancellationToken cancellationToken);

    /// <summary>Stops the pod's containers, gracefully first, and removes them.</summary>
    Task StopPodAsync(string podUid, CancellationToken cancellationToken);
}

/// <summary>A pod spec this runtime cannot run as written; the message goes to the pod's status.</summary>
public sealed class PodStartException(string message, Exception? inner = null) : Exception(message, inner);
