using System.CommandLine;
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

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { NodeGracePeriod, PodEvictionTimeout, EventTtl, Workers })
            command.Options.Add(option);
    }

    public ControlPlaneOptions Read(ParseResult parse) => Defaults with
    {
        NodeGracePeriod = parse.GetValue(NodeGracePeriod),
        PodEvictionTimeout = parse.GetValue(PodEvictionTimeout),
        EventTtl = parse.GetValue(EventTtl),
        Workers = parse.GetValue(Workers),
    };
}
