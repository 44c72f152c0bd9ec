using System.CommandLine;
using System.Net;
using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;

namespace GitOrch.Cli;

/// <summary>The control plane's tunables as flags, shared by <c>up</c> and <c>server</c>.</summary>
public sealed class ControlPlaneFlags
{
    private static readonly ControlPlaneOptions Defaults = new();

    public Option<TimeSpan> NodeGracePeriod { get; } = new("--node-grace-period")
    {
        Description = "How long a node may miss heartbeats before it turns NotReady and is tainted unreachable",
        DefaultValueFactory = _ => Defaults.NodeGracePeriod,
    };

    public Option<TimeSpan> PodEvictionTimeout { get; } = new("--pod-eviction-timeout")
    {
        Description = "How long an unreachable node keeps its pods before they are deleted and replaced elsewhere",
        DefaultValueFactory = _ => Defaults.PodEvictionTimeout,
    };

    public Option<TimeSpan> EventTtl { get; } = new("--event-ttl")
    {
        Description = "How long events are kept",
        DefaultValueFactory = _ => Defaults.EventTtl,
    };

    public Option<int> Workers { get; } = new("--workers")
    {
        Description = "Reconcile workers per controller",
        DefaultValueFactory = _ => Defaults.Workers,
        Validators = { NumberFlags.AtLeast(1) },
    };

    public Option<string> ClusterCidr { get; } = new("--cluster-cidr")
    {
        Description = "The pod address range; each node gets one block of it",
        DefaultValueFactory = _ => Defaults.PodNetwork.ClusterCidr.ToString(),
        Validators = { CidrFlag },
    };

    public Option<int> NodeCidrMaskSize { get; } = new("--node-cidr-mask-size")
    {
        Description = "The prefix length of each node's block of the cluster CIDR",
        DefaultValueFactory = _ => Defaults.PodNetwork.NodeMaskSize,
    };

    public void AddTo(Command command)
    {
        command.Validators.Add(result =>
        {
            if (!IPNetwork.TryParse(result.GetValue(ClusterCidr) ?? "", out var cluster)) return;
            if (PodNetworkRanges.WhyInvalid(cluster, result.GetValue(NodeCidrMaskSize), IPNetwork.Parse(ServiceAddresses.ClusterRange)) is { } why)
                result.AddError($"--cluster-cidr, --node-cidr-mask-size: {why}");
        });
        foreach (var option in new Option[] { NodeGracePeriod, PodEvictionTimeout, EventTtl, Workers, ClusterCidr, NodeCidrMaskSize })
            command.Options.Add(option);
    }

    public ControlPlaneOptions Read(ParseResult parse) => Defaults with
    {
        NodeGracePeriod = parse.GetValue(NodeGracePeriod),
        PodEvictionTimeout = parse.GetValue(PodEvictionTimeout),
        EventTtl = parse.GetValue(EventTtl),
        Workers = parse.GetValue(Workers),
        PodNetwork = new PodNetworkRanges(IPNetwork.Parse(parse.GetValue(ClusterCidr)!), parse.GetValue(NodeCidrMaskSize)),
    };

    private static void CidrFlag(System.CommandLine.Parsing.OptionResult result)
    {
        var text = result.GetValueOrDefault<string>() ?? "";
        if (!IPNetwork.TryParse(text, out _))
            result.AddError($"{result.Option.Name}: \"{text}\" is not a CIDR such as 10.244.0.0/16");
    }
}
