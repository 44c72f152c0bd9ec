namespace GitOrch.Api.Model;

public sealed record Probe
{
    public ExecAction? Exec { get; init; }
    public HttpGetAction? HttpGet { get; init; }
    public TcpSocketAction? TcpSocket { get; init; }
    public GrpcAction? Grpc { get; init; }
    public int? InitialDelaySeconds { get; init; }
    public int? PeriodSeconds { get; init; }
    public int? TimeoutSeconds { get; init; }
    public int? FailureThreshold { get; init; }
    public int? SuccessThreshold { get; init; }
    public long? TerminationGracePeriodSeconds { get; init; }
}

/// <summary>A call to the standard gRPC health service on the pod's port; <c>service</c> names which service to ask about.</summary>
public sealed record GrpcAction
{
    public int Port { get; init; }
    public string? Service { get; init; }
}

public sealed record ExecAction
{
    public List<string> Command { get; init; } = [];
}

public sealed record HttpGetAction
{
    public string? Path { get; init; }
    public IntOrString Port { get; init; } = 0;
    public string? Host { get; init; }
    public string? Scheme { get; init; }
    public List<HttpHeader>? HttpHeaders { get; init; }
}

public sealed record HttpHeader
{
    public string Name { get; init; } = "";
    public string Value { get; init; } = "";
}

public sealed record TcpSocketAction
{
    public IntOrString Port { get; init; } = 0;
    public string? Host { get; init; }
}

public sealed record Lifecycle
{
    public LifecycleHandler? PostStart { get; init; }
    public LifecycleHandler? PreStop { get; init; }
}

public sealed record LifecycleHandler
{
    public ExecAction? Exec { get; init; }
    public HttpGetAction? HttpGet { get; init; }
    public TcpSocketAction? TcpSocket { get; init; }
    public SleepAction? Sleep { get; init; }
}

public sealed record SleepAction
{
    public long Seconds { get; init; }
}

public sealed record SecurityContext
{
    public long? RunAsUser { get; init; }
    public long? RunAsGroup { get; init; }
    public bool? RunAsNonRoot { get; init; }
    public bool? ReadOnlyRootFilesystem { get; init; }
    public bool? Privileged { get; init; }
    public bool? AllowPrivilegeEscalation { get; init; }
    public System.Text.Json.Nodes.JsonObject? Capabilities { get; init; }
    public System.Text.Json.Nodes.JsonObject? SeccompProfile { get; init; }
}

public sealed record PodSecurityContext
{
    public long? RunAsUser { get; init; }
    public long? RunAsGroup { get; init; }
    public bool? RunAsNonRoot { get; init; }
    public long? FsGroup { get; init; }
    public List<long>? SupplementalGroups { get; init; }
    public string? FsGroupChangePolicy { get; init; }
    public System.Text.Json.Nodes.JsonObject? SeccompProfile { get; init; }
}
