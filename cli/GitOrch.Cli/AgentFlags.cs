using System.CommandLine;
using System.Net;
using GitOrch.Agent;

namespace GitOrch.Cli;

/// <summary>The node agent's tunables as flags, shared by <c>up</c> and <c>agent</c>.</summary>
public sealed class AgentFlags
{
    private static readonly AgentOptions Defaults = new() { NodeName = "", StateDirectory = "" };

    public Option<string> Listen { get; } = new("--agent-listen")
    {
        Description = "Where the agent serves /metrics, logs and exec (ADDRESS:PORT; port 0 picks a free one; default: a free port on the node IP, where the CLI looks for it)",
        Validators = { result => { if (!IPEndPoint.TryParse(result.GetValueOrDefault<string>() ?? "", out _)) result.AddError($"--agent-listen: \"{result.GetValueOrDefault<string>()}\" is not ADDRESS:PORT"); } },
    };

    public Option<bool> NoProxy { get; } = new("--no-proxy") { Description = "Do not run the service proxy or cluster DNS on this node" };

    public Option<bool> AllowPrivileged { get; } = new("--allow-privileged") { Description = "Allow containers with securityContext.privileged" };
    public Option<string[]> AllowHostPath { get; } = new("--allow-host-path") { Description = "Directory under which hostPath volumes may lie (repeatable; none given: the namespace's Pod Security level decides)" };

    public Option<string> InfraImage { get; } = new("--infra-image")
    {
        Description = "The image of each pod's sandbox container on Docker (it only needs sleep)",
        DefaultValueFactory = _ => Defaults.InfraImage,
    };

    public Option<TimeSpan> RestartBackoff { get; } = new("--restart-backoff")
    {
        Description = "The first wait before restarting a crashed container (such as 10s); it doubles per crash up to 5 minutes",
        DefaultValueFactory = _ => Defaults.RestartBackoff,
    };

    public Option<string> PodNetwork { get; } = new("--pod-network")
    {
        Description = "host-gw: pods get addresses from the node's pod CIDR, routed to from every other node on the segment; vxlan: the same, through a VXLAN device, across segments; none: the runtime's own addresses, reachable on this node only",
        DefaultValueFactory = _ => Agent.Network.PodNetwork.HostGateway,
    };

    public Option<string> NodeIp { get; } = new("--node-ip")
    {
        Description = "The node's InternalIP, where other nodes route its pods (default: the address of the default route's interface; 127.0.0.1 for up)",
        Validators = { result => { if (!IPAddress.TryParse(result.GetValueOrDefault<string>() ?? "", out _)) result.AddError($"--node-ip: \"{result.GetValueOrDefault<string>()}\" is not an IP address"); } },
    };

    public Option<int> IngressHttpPort { get; } = new("--ingress-http-port")
    {
        Description = "The port this node serves Ingresses on over HTTP, at the node IP (0: off)",
        DefaultValueFactory = _ => Defaults.IngressHttpPort,
        Validators = { NumberFlags.AtLeast(0) },
    };

    public Option<int> IngressHttpsPort { get; } = new("--ingress-https-port")
    {
        Description = "The port this node serves Ingresses on over HTTPS, with certificates from their tls Secrets (0: off)",
        DefaultValueFactory = _ => Defaults.IngressHttpsPort,
        Validators = { NumberFlags.AtLeast(0) },
    };

    public void AddTo(Command command)
    {
        PodNetwork.AcceptOnlyFromAmong(Agent.Network.PodNetwork.Modes);
        foreach (var option in new Option[] { Listen, NoProxy, AllowPrivileged, AllowHostPath, InfraImage, RestartBackoff, PodNetwork, NodeIp, IngressHttpPort, IngressHttpsPort })
            command.Options.Add(option);
    }

    /// <param name="defaultAddress">The InternalIP when --node-ip is not given.</param>
    public AgentOptions Apply(ParseResult parse, AgentOptions options, Func<string> defaultAddress)
    {
        var address = parse.GetValue(NodeIp) ?? defaultAddress();
        return options with
        {
            Address = address,
            Listen = parse.GetValue(Listen) ?? $"{address}:0",
            PodNetwork = parse.GetValue(PodNetwork)!,
            ServiceProxy = !parse.GetValue(NoProxy),
            AllowPrivileged = parse.GetValue(AllowPrivileged),
            AllowedHostPaths = parse.GetValue(AllowHostPath) ?? [],
            InfraImage = parse.GetValue(InfraImage)!,
            RestartBackoff = parse.GetValue(RestartBackoff),
            IngressHttpPort = parse.GetValue(IngressHttpPort),
            IngressHttpsPort = parse.GetValue(IngressHttpsPort),
        };
    }
}
