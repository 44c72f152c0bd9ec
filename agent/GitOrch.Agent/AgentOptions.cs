namespace GitOrch.Agent;

public sealed record AgentOptions
{
    public required string NodeName { get; init; }

    /// <summary>docker, process, or auto: Docker when a daemon answers, processes otherwise.</summary>
    public string Runtime { get; init; } = "auto";

    public string DockerEndpoint { get; init; } = GitOrch.Agent.Runtime.DockerRuntime.DefaultEndpoint;
    /// <summary>The node's InternalIP: where other nodes route this node's pods, and where its endpoint is reached.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>host-gw (a bridge on the node's pod CIDR, and routes to the other nodes' blocks) or none (the runtime's own addressing).</summary>
    public string PodNetwork { get; init; } = Network.PodNetwork.None;
    public int? Cpu { get; init; }
    public long? MemoryBytes { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public required string StateDirectory { get; init; }

    /// <summary>The first wait before restarting a crashed container; it doubles per crash up to 5 minutes.</summary>
    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The image of each pod's sandbox container, which holds the pod's network namespace on Docker.</summary>
    public string InfraImage { get; init; } = "busybox:1.36";

    /// <summary>Privileged containers are refused unless this is set.</summary>
    public bool AllowPrivileged { get; init; }

    /// <summary>When any are given, hostPath volumes must lie under one of these directories, whatever the namespace allows.</summary>
    public IReadOnlyList<string> AllowedHostPaths { get; init; } = [];

    /// <summary>Where the agent serves /metrics, logs and exec; port 0 picks a free port. Null serves nothing.</summary>
    public string? Listen { get; init; } = "127.0.0.1:0";

    /// <summary>
    /// With a node certificate (from its store credentials), the endpoint serves TLS and asks every caller
    /// for a certificate signed by the cluster CA; only the admin and server roles may call logs and exec.
    /// </summary>
    public Http.AgentEndpointTls? EndpointTls { get; init; }

    /// <summary>Where the node serves Ingresses, at its address; 0 turns a port off.</summary>
    public int IngressHttpPort { get; init; } = 80;
    public int IngressHttpsPort { get; init; } = 443;

    /// <summary>Whether this agent runs the service proxy.</summary>
    public bool ServiceProxy { get; init; } = true;
}
