using System.Text.Json.Nodes;

namespace GitOrch.Api.Model;

public sealed record Pod : KubeObject
{
    public PodSpec Spec { get; init; } = new();
    public PodStatus? Status { get; init; }
}

public sealed record PodTemplateSpec
{
    public ObjectMeta Metadata { get; init; } = new();
    public PodSpec Spec { get; init; } = new();
}

public sealed record PodSpec
{
    public List<Container> Containers { get; init; } = [];
    public List<Container>? InitContainers { get; init; }
    public string? RestartPolicy { get; init; }
    public string? NodeName { get; init; }
    public Dictionary<string, string>? NodeSelector { get; init; }
    public long? TerminationGracePeriodSeconds { get; init; }
    public long? ActiveDeadlineSeconds { get; init; }
    public string? ServiceAccountName { get; init; }
    public string? ServiceAccount { get; init; }
    public bool? AutomountServiceAccountToken { get; init; }
    public string? Hostname { get; init; }
    public string? Subdomain { get; init; }
    public bool? HostNetwork { get; init; }
    public string? DnsPolicy { get; init; }
    public PodDnsConfig? DnsConfig { get; init; }
    public List<HostAlias>? HostAliases { get; init; }
    public string? SchedulerName { get; init; }
    public string? PriorityClassName { get; init; }
    public bool? EnableServiceLinks { get; init; }
    public List<LocalObjectReference>? ImagePullSecrets { get; init; }
    public List<Toleration>? Tolerations { get; init; }
    public Affinity? Affinity { get; init; }

    public PodSecurityContext? SecurityContext { get; init; }
    public List<Volume>? Volumes { get; init; }

    // Accepted so that real manifests load; the scheduler does not honour it yet.
    public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; init; }
}

public sealed record LocalObjectReference
{
    public string Name { get; init; } = "";
}

public sealed record Toleration
{
    public string? Key { get; init; }
    public string? Operator { get; init; }
    public string? Value { get; init; }
    public string? Effect { get; init; }
    public long? TolerationSeconds { get; init; }
}

public sealed record Container
{
    public string Name { get; init; } = "";
    public string Image { get; init; } = "";
    public string? ImagePullPolicy { get; init; }

    /// <summary>Only on an init container, and only <c>Always</c>: a sidecar, which starts in order and runs beside the app containers.</summary>
    public string? RestartPolicy { get; init; }

    public List<string>? Command { get; init; }
    public List<string>? Args { get; init; }
    public string? WorkingDir { get; init; }
    public List<EnvVar>? Env { get; init; }
    public List<ContainerPortSpec>? Ports { get; init; }
    public ResourceRequirements? Resources { get; init; }
    public bool? Stdin { get; init; }
    public bool? Tty { get; init; }
    public string? TerminationMessagePath { get; init; }
    public string? TerminationMessagePolicy { get; init; }

    public List<EnvFromSource>? EnvFrom { get; init; }
    public List<VolumeMount>? VolumeMounts { get; init; }
    public Probe? LivenessProbe { get; init; }
    public Probe? ReadinessProbe { get; init; }
    public Probe? StartupProbe { get; init; }
    public Lifecycle? Lifecycle { get; init; }
    public SecurityContext? SecurityContext { get; init; }
}

public sealed record EnvVar
{
    public string Name { get; init; } = "";
    public string? Value { get; init; }
    public EnvVarSource? ValueFrom { get; init; }
}

public sealed record EnvVarSource
{
    public ObjectFieldSelector? FieldRef { get; init; }
    public KeySelector? ConfigMapKeyRef { get; init; }
    public KeySelector? SecretKeyRef { get; init; }
    public JsonObject? ResourceFieldRef { get; init; }
}

public sealed record ObjectFieldSelector
{
    public string? ApiVersion { get; init; }
    public string FieldPath { get; init; } = "";
}

public sealed record ContainerPortSpec
{
    public string? Name { get; init; }
    public int ContainerPort { get; init; }
    public int? HostPort { get; init; }
    public string? HostIP { get; init; }
    public string? Protocol { get; init; }
}

public sealed record ResourceRequirements
{
    public Dictionary<string, string>? Requests { get; init; }
    public Dictionary<string, string>? Limits { get; init; }
}

public sealed record PodStatus
{
    public string? Phase { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public string? HostIP { get; init; }
    public string? PodIP { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public List<Condition>? Conditions { get; init; }
    public List<ContainerStatus>? InitContainerStatuses { get; init; }
    public List<ContainerStatus>? ContainerStatuses { get; init; }
}

public sealed record ContainerStatus
{
    public string Name { get; init; } = "";
    public string? Image { get; init; }
    public string? ContainerID { get; init; }
    public bool Ready { get; init; }
    public bool? Started { get; init; }
    public int RestartCount { get; init; }
    public ContainerState? State { get; init; }
    public ContainerState? LastState { get; init; }
}

public sealed record ContainerState
{
    public ContainerStateWaiting? Waiting { get; init; }
    public ContainerStateRunning? Running { get; init; }
    public ContainerStateTerminated? Terminated { get; init; }
}

public sealed record ContainerStateWaiting
{
    public string? Reason { get; init; }
    public string? Message { get; init; }
}

public sealed record ContainerStateRunning
{
    public DateTimeOffset? StartedAt { get; init; }
}

public sealed record ContainerStateTerminated
{
    public int ExitCode { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

public sealed record Condition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }
    public DateTimeOffset? LastHeartbeatTime { get; init; }
    public DateTimeOffset? LastUpdateTime { get; init; }
    public DateTimeOffset? LastProbeTime { get; init; }
}

/// <summary>
/// At most <c>maxSkew</c> more matching pods in one topology domain (a value of the node label
/// <c>topologyKey</c>) than in the emptiest one: a hard rule with DoNotSchedule, a preference with ScheduleAnyway.
/// </summary>
public sealed record TopologySpreadConstraint
{
    public int MaxSkew { get; init; }
    public string TopologyKey { get; init; } = "";
    public string? WhenUnsatisfiable { get; init; }
    public LabelSelector? LabelSelector { get; init; }
    public int? MinDomains { get; init; }
    public List<string>? MatchLabelKeys { get; init; }
    public string? NodeAffinityPolicy { get; init; }
    public string? NodeTaintsPolicy { get; init; }
}

public sealed record PodDnsConfig
{
    public List<string>? Nameservers { get; init; }
    public List<string>? Searches { get; init; }
    public List<PodDnsConfigOption>? Options { get; init; }
}

public sealed record PodDnsConfigOption
{
    public string Name { get; init; } = "";
    public string? Value { get; init; }
}

public sealed record HostAlias
{
    public string Ip { get; init; } = "";
    public List<string>? Hostnames { get; init; }
}
