using GitOrch.Api.Model;

namespace GitOrch.Agent.Runtime;

/// <summary>
/// Runs containers for the pods bound to this node: through Docker, as host processes, or faked for
/// tests. It only does what it is told; restarts, probes and status are the agent's (<see cref="Pods.PodWorker"/>),
/// so every runtime behaves the same way.
/// </summary>
public interface IContainerRuntime : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The containers of one pod, running or exited; its sandbox is not listed.</summary>
    Task<IReadOnlyList<RuntimeContainer>> ListContainersAsync(string podUid, CancellationToken cancellationToken);

    /// <summary>Every container and sandbox on this node, in one listing: what a sync starts from.</summary>
    Task<RuntimeInventory> InventoryAsync(CancellationToken cancellationToken);

    /// <summary>Puts the pods started from now on in the node's block of the pod network; runtimes that cannot keep their own addressing and say so.</summary>
    Task UsePodNetworkAsync(System.Net.IPNetwork block, CancellationToken cancellationToken);

    /// <summary>The pod's network home and IP: made on first call, found again after that (also after an agent restart).</summary>
    Task<PodSandbox> EnsureSandboxAsync(Pod pod, CancellationToken cancellationToken);

    /// <summary>Creates and starts one attempt of a container; returns its id.</summary>
    Task<string> StartContainerAsync(Pod pod, Container container, ContainerLaunch launch, CancellationToken cancellationToken);

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>. The exited container stays listed until removed.</summary>
    Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken);

    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken);

    Task RemoveSandboxAsync(string podUid, CancellationToken cancellationToken);

    /// <summary>Runs a command in the container, as exec probes, preStop hooks and <c>gitorch exec</c> do.</summary>
    Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The CPU time a running container has used so far and the memory it uses now; null when the runtime cannot tell.</summary>
    Task<ContainerUsage?> UsageAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Copies the container's output to <paramref name="output"/>; with Follow, until the container exits or the caller cancels.</summary>
    Task WriteLogsAsync(string containerId, LogRequest request, Stream output, CancellationToken cancellationToken);
}

/// <summary>One attempt of one container of a pod, as the runtime reports it.</summary>
public sealed record RuntimeContainer(string Id, string PodUid, string Name, int Attempt, bool IsInit, string Image, ContainerState State)
{
    public bool IsRunning => State.Running is not null;
    public ContainerStateTerminated? Terminated => State.Terminated;
}

/// <summary>
/// Every container on the node, the uids of the pods that have a sandbox (a sandbox can outlive a failed
/// first start), and of those whose sandbox is running: a stopped sandbox (after a daemon restart) has
/// lost its network and must be started again with the pod's containers.
/// </summary>
public sealed record RuntimeInventory(IReadOnlyList<RuntimeContainer> Containers, IReadOnlyCollection<string> SandboxPodUids, IReadOnlySet<string> RunningSandboxPodUids);

public sealed record PodSandbox(string PodUid, string PodIP, string? Id);

/// <summary>What the agent resolved for one container start: its attempt number, environment, mounts and pull credentials.</summary>
public sealed record ContainerLaunch(
    PodSandbox Sandbox,
    int Attempt,
    bool IsInit,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    IReadOnlyList<VolumeBind> Mounts,
    IReadOnlyList<RegistryCredential> Credentials);

public sealed record VolumeBind(string Volume, string HostPath, string ContainerPath, bool ReadOnly);

public sealed record RegistryCredential(string Registry, string Username, string Password)
{
    /// <summary>The credential for an image's registry (Docker Hub when the image names none).</summary>
    public static RegistryCredential? For(string image, IReadOnlyList<RegistryCredential> credentials)
    {
        var first = image.Split('/')[0];
        var registry = image.Contains('/') && (first.Contains('.') || first.Contains(':') || first == "localhost") ? first : "docker.io";
        return credentials.FirstOrDefault(c => c.Registry.Replace("https://", "").TrimEnd('/').Split('/')[0] is var host
            && (host == registry || (registry == "docker.io" && host is "index.docker.io" or "registry-1.docker.io")));
    }
}

public sealed record ExecResult(int ExitCode, string Output);

public sealed record ContainerUsage(TimeSpan CpuTime, long MemoryBytes);

public sealed record LogRequest(bool Follow, int? Tail);

/// <summary>A container cannot be started as written; the reason and message go to the pod's status.</summary>
public sealed class PodStartException(string message, string reason = "CreateContainerError", Exception? inner = null) : Exception(message, inner)
{
    public string Reason { get; } = reason;
}
