using Docker.DotNet;
using Docker.DotNet.Models;
using GitOrch.Api.Model;
using Microsoft.Extensions.Logging;
using ContainerStatus = GitOrch.Api.Model.ContainerStatus;

namespace GitOrch.Agent.Runtime;

/// <summary>
/// Runs pods on a Docker daemon. The first container owns the pod's network namespace and the others
/// join it, so they share one IP. Every container carries the pod uid and node labels, which is how
/// the agent finds its containers again.
/// </summary>
public sealed class DockerRuntime : IContainerRuntime
{
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";
    private const string ContainerNameLabel = "gitorch.io/container-name";

    private readonly DockerClient _docker;
    private readonly string _nodeName;
    private readonly ILogger _logger;
    private readonly PersistentVolumes _volumes;

    private DockerRuntime(DockerClient docker, string nodeName, PersistentVolumes volumes, ILogger logger)
    {
        _docker = docker;
        _nodeName = nodeName;
        _logger = logger;
        _volumes = volumes;
    }

    public string Name => "docker";

    /// <summary>Connects and pings the daemon; returns null when no daemon answers.</summary>
    public static async Task<DockerRuntime?> TryConnectAsync(string endpoint, string nodeName, PersistentVolumes volumes, ILogger logger, CancellationToken cancellationToken)
    {
        var docker = new DockerClientBuilder().WithEndpoint(new Uri(endpoint)).Build();
        try
        {
            await docker.System.PingAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return new DockerRuntime(docker, nodeName, volumes, logger);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("No Docker daemon at {Endpoint}: {Error}", endpoint, e.Message);
            docker.Dispose();
            return null;
        }
    }

    public async Task<IReadOnlyCollection<string>> ListPodUidsAsync(CancellationToken cancellationToken)
    {
        var containers = await ListAsync(WellKnown.NodeName, _nodeName, cancellationToken);
        return containers.Select(container => container.Labels[WellKnown.PodUid]).ToHashSet();
    }

    public async Task StartPodAsync(Pod pod, CancellationToken cancellationToken)
    {
        string? networkOwner = null;
        try
        {
            foreach (var container in pod.Spec.Containers)
            {
                await EnsureImageAsync(container, cancellationToken);
                var id = await CreateAsync(pod, container, networkOwner, cancellationToken);
                await _docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);
                networkOwner ??= id;
            }
        }
        catch (DockerApiException e)
        {
            await StopPodAsync(pod.Metadata.Uid!, CancellationToken.None);
            throw new PodStartException(FirstLine(e.ResponseBody) ?? e.Message, e);
        }
    }

    public async Task<PodRuntimeState?> InspectPodAsync(string podUid, CancellationToken cancellationToken)
    {
        var containers = await ListAsync(WellKnown.PodUid, podUid, cancellationToken);
        if (containers.Count == 0) return null;
        var statuses = new List<ContainerStatus>();
        string? podIP = null;
        DateTimeOffset? startedAt = null;
        foreach (var summary in containers.OrderBy(container => container.Created))
        {
            var details = await _docker.Containers.InspectContainerAsync(summary.ID, cancellationToken);
            podIP ??= details.NetworkSettings?.Networks?.Values.Select(network => network.IPAddress).FirstOrDefault(ip => !string.IsNullOrEmpty(ip));
            startedAt ??= Time(details.State?.StartedAt);
            statuses.Add(ToStatus(summary.Labels[ContainerNameLabel], details));
        }
        return new PodRuntimeState(podIP, startedAt, statuses);
    }

    public async Task StopPodAsync(string podUid, CancellationToken cancellationToken)
    {
        // Joined containers go first: the network owner must outlive them.
        foreach (var container in (await ListAsync(WellKnown.PodUid, podUid, cancellationToken)).OrderByDescending(c => c.Created))
        {
            try
            {
                await _docker.Containers.StopContainerAsync(container.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 10 }, cancellationToken);
            }
            catch (DockerContainerNotFoundException)
            {
            }
            await _docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        _docker.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<IList<ContainerListResponse>> ListAsync(string label, string value, CancellationToken cancellationToken) =>
        await _docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{label}={value}"] = true, [$"{WellKnown.NodeName}={_nodeName}"] = true },
            },
        }, cancellationToken);

    private async Task EnsureImageAsync(Container container, CancellationToken cancellationToken)
    {
        var policy = container.ImagePullPolicy ?? (container.Image.EndsWith(":latest", StringComparison.Ordinal) || !container.Image.Contains(':') ? "Always" : "IfNotPresent");
        var present = await ImageExistsAsync(container.Image, cancellationToken);
        if (policy == "Never" && !present)
            throw new PodStartException($"image {container.Image} is not present and imagePullPolicy is Never");
        if (policy == "Always" || !present)
        {
            _logger.LogInformation("Pulling image {Image}", container.Image);
            try
            {
                await _docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = container.Image }, null, new Progress<JSONMessage>(), cancellationToken);
            }
            catch (DockerApiException) when (present)
            {
                _logger.LogWarning("Pull of {Image} failed; using the local copy", container.Image);
            }
        }
    }

    private async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await _docker.Images.InspectImageAsync(image, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    private async Task<string> CreateAsync(Pod pod, Container container, string? networkOwner, CancellationToken cancellationToken)
    {
        var environment = EnvironmentResolver.Resolve(pod, container, podIP: null, hostIP: "")
            .Select(pair => $"{pair.Key}={pair.Value}").ToList();
        var parameters = new CreateContainerParameters
        {
            Name = $"gitorch_{pod.Namespace}_{pod.Name}_{container.Name}_{pod.Metadata.Uid![..8]}",
            Image = container.Image,
            // Docker leaves out null fields, which keeps the image's own entrypoint, cmd and workdir.
            Entrypoint = container.Command!,
            Cmd = container.Args!,
            WorkingDir = container.WorkingDir!,
            Env = environment,
            Hostname = networkOwner is null ? pod.Name : null!,
            Labels = new Dictionary<string, string>
            {
                [WellKnown.PodUid] = pod.Metadata.Uid!,
                [WellKnown.NodeName] = _nodeName,
                [ContainerNameLabel] = container.Name,
                ["gitorch.io/pod-name"] = pod.Name,
                ["gitorch.io/pod-namespace"] = pod.Namespace ?? "",
            },
            HostConfig = new HostConfig
            {
                NetworkMode = networkOwner is null ? null! : $"container:{networkOwner}",
                Memory = ContainerLimits.MemoryBytes(container),
                NanoCPUs = ContainerLimits.NanoCpus(container),
                Binds = PersistentVolumes.Mounts(container, _volumes.Prepare(pod))
                    .Select(mount => $"{mount.HostPath}:{mount.MountPath}{(mount.ReadOnly ? ":ro" : "")}").ToList(),
            },
        };
        var created = await _docker.Containers.CreateContainerAsync(parameters, cancellationToken);
        return created.ID;
    }

    private static ContainerStatus ToStatus(string name, ContainerInspectResponse details)
    {
        var state = details.State ?? new State();
        ContainerState containerState = state.Running
            ? new ContainerState { Running = new ContainerStateRunning { StartedAt = Time(state.StartedAt) } }
            : state.FinishedAt is { Length: > 0 } && !state.FinishedAt.StartsWith("0001", StringComparison.Ordinal)
                ? new ContainerState
                {
                    Terminated = new ContainerStateTerminated
                    {
                        ExitCode = (int)state.ExitCode,
                        Reason = state.OOMKilled ? "OOMKilled" : state.ExitCode == 0 ? "Completed" : "Error",
                        Message = string.IsNullOrEmpty(state.Error) ? null : state.Error,
                        StartedAt = Time(state.StartedAt),
                        FinishedAt = Time(state.FinishedAt),
                    },
                }
                : new ContainerState { Waiting = new ContainerStateWaiting { Reason = "ContainerCreating" } };
        return new ContainerStatus
        {
            Name = name,
            Image = details.Config?.Image,
            ContainerID = $"docker://{details.ID}",
            Ready = state.Running,
            State = containerState,
        };
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, out var time) && time.Year > 1 ? time : null;

    private static string? FirstLine(string? text) => text?.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
}
