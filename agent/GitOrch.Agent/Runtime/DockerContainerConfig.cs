using Docker.DotNet.Models;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Runtime;

/// <summary>Turns a pod's container (or its sandbox) into Docker's create parameters: labels, network, mounts, limits and security.</summary>
public static class DockerContainerConfig
{
    public const string RoleLabel = "gitorch.io/role";
    public const string ContainerNameLabel = "gitorch.io/container-name";
    public const string AttemptLabel = "gitorch.io/attempt";

    /// <summary>The sandbox holds the pod's network namespace and host ports; it only sleeps.</summary>
    /// <param name="network">The node's pod network; null leaves the sandbox on Docker's default bridge.</param>
    public static CreateContainerParameters Sandbox(Pod pod, string nodeName, string image, string? network)
    {
        var hostPorts = pod.Spec.Containers.SelectMany(c => c.Ports ?? []).Where(p => p.HostPort is > 0).ToList();
        return new CreateContainerParameters
        {
            Name = $"gitorch_{pod.Namespace}_{pod.Name}_POD_{pod.Metadata.Uid![..8]}",
            Image = image,
            Entrypoint = ["sleep", "2147483647"],
            Hostname = pod.Spec.Hostname ?? pod.Name,
            Domainname = pod.Spec.Subdomain is { } subdomain ? $"{subdomain}.{pod.Namespace}.svc" : null!,
            Labels = Labels(pod, nodeName, "infra", "POD", 0),
            ExposedPorts = hostPorts.ToDictionary(p => PortKey(p), _ => new EmptyStruct()),
            HostConfig = new HostConfig
            {
                IpcMode = "shareable",
                NetworkMode = network!,
                PortBindings = hostPorts.ToDictionary(p => PortKey(p), p => (IList<PortBinding>)[new PortBinding { HostIP = p.HostIP ?? "", HostPort = p.HostPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }]),
            },
        };
    }

    public static CreateContainerParameters Container(Pod pod, Container container, ContainerLaunch launch, string nodeName, bool allowPrivileged)
    {
        var security = container.SecurityContext;
        var user = security?.RunAsUser ?? pod.Spec.SecurityContext?.RunAsUser;
        var group = security?.RunAsGroup ?? pod.Spec.SecurityContext?.RunAsGroup;
        if ((security?.RunAsNonRoot ?? pod.Spec.SecurityContext?.RunAsNonRoot) == true && user is null or 0)
            throw new PodStartException($"container {container.Name}: runAsNonRoot is set but runAsUser is {(user is null ? "not set" : "0")}", "CreateContainerConfigError");
        if (security?.Privileged == true && !allowPrivileged)
            throw new PodStartException($"container {container.Name}: privileged containers are not allowed on this node (start the agent with --allow-privileged)", "CreateContainerConfigError");
        var sandbox = $"container:{launch.Sandbox.Id}";
        return new CreateContainerParameters
        {
            Name = $"gitorch_{pod.Namespace}_{pod.Name}_{container.Name}_{pod.Metadata.Uid![..8]}_{launch.Attempt}",
            Image = container.Image,
            // Docker leaves out null fields, which keeps the image's own entrypoint, cmd and workdir.
            Entrypoint = container.Command!,
            Cmd = container.Args!,
            WorkingDir = container.WorkingDir!,
            Env = launch.Environment.Select(pair => $"{pair.Key}={pair.Value}").ToList(),
            User = user is null ? null! : group is null ? $"{user}" : $"{user}:{group}",
            Labels = Labels(pod, nodeName, launch.IsInit ? "init" : "app", container.Name, launch.Attempt),
            HostConfig = new HostConfig
            {
                NetworkMode = sandbox,
                IpcMode = sandbox,
                Memory = ContainerLimits.MemoryBytes(container),
                NanoCPUs = ContainerLimits.NanoCpus(container),
                Binds = launch.Mounts.Select(m => $"{m.HostPath}:{m.ContainerPath}{(m.ReadOnly ? ":ro" : "")}").ToList(),
                ReadonlyRootfs = security?.ReadOnlyRootFilesystem == true,
                Privileged = security?.Privileged == true,
            },
        };
    }

    private static Dictionary<string, string> Labels(Pod pod, string nodeName, string role, string containerName, int attempt) => new()
    {
        [WellKnown.PodUid] = pod.Metadata.Uid!,
        [WellKnown.NodeName] = nodeName,
        [RoleLabel] = role,
        [ContainerNameLabel] = containerName,
        [AttemptLabel] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["gitorch.io/pod-name"] = pod.Name,
        ["gitorch.io/pod-namespace"] = pod.Namespace ?? "",
    };

    private static string PortKey(ContainerPortSpec port) => $"{port.ContainerPort}/{(port.Protocol ?? "TCP").ToLowerInvariant()}";
}
