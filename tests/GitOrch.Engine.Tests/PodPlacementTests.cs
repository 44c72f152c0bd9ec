using GitOrch.Api.Model;
using GitOrch.Engine.Scheduler;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Tests;

public class PodPlacementTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static Node Node(string name, string cpu = "4", string memory = "8Gi", bool ready = true, Dictionary<string, string>? labels = null,
        List<Taint>? taints = null, bool cordoned = false, TimeSpan? heardAgo = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new ObjectMeta { Name = name, Labels = labels ?? new() { [WellKnown.Hostname] = name } },
        Spec = new NodeSpec { Taints = taints, Unschedulable = cordoned ? true : null },
        Status = new NodeStatus
        {
            Allocatable = new() { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = "110" },
            Conditions = [new Condition { Type = "Ready", Status = ready ? "True" : "Unknown", LastHeartbeatTime = Now - (heardAgo ?? TimeSpan.FromSeconds(1)) }],
        },
    };

    private static Pod Pod(string name, string cpu = "100m", string memory = "64Mi", string? node = null, Dictionary<string, string>? labels = null, string? owner = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta
        {
            Name = name, Namespace = "default", Uid = name, Labels = labels,
            OwnerReferences = owner is null ? null : [new OwnerReference { Kind = "ReplicaSet", Name = owner, Uid = owner, Controller = true }],
        },
        Spec = new PodSpec
        {
            NodeName = node,
            Containers = [new Container { Name = "c", Image = "busybox", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu, ["memory"] = memory } } }],
        },
    };

    private static Placement Place(Pod pod, IEnumerable<Node> nodes, IEnumerable<Pod>? pods = null) =>
        PodPlacement.Place(pod, ClusterSnapshot.From(nodes, pods ?? []), Now);

    [Fact]
    public void Place_SkipsANodeWhoseLastHeartbeatIsStale_EvenIfItStillSaysReady()
    {
        var stale = NodeHeartbeats.StaleAfter + TimeSpan.FromSeconds(1);

        Assert.Equal("b", Place(Pod("new"), [Node("a", heardAgo: stale), Node("b", "1", "1Gi")]).NodeName);
        Assert.Equal("0/1 nodes are available: 1 node(s) not ready", Place(Pod("new"), [Node("a", heardAgo: stale)]).Reason);
    }

    [Fact]
    public void Place_PrefersTheLeastAllocatedNode()
    {
        var placement = Place(Pod("new"), [Node("a", "2", "4Gi"), Node("b", "2", "4Gi")], [Pod("busy", "1500m", "1Gi", node: "a")]);

        Assert.Equal("b", placement.NodeName);
    }

    [Fact]
    public void Place_SkipsNodesThatCannotFitTheRequest()
    {
        Assert.Equal("big", Place(Pod("new", "1"), [Node("small", "500m", "4Gi"), Node("big", "4", "8Gi")]).NodeName);
    }

    [Fact]
    public void Place_CountsMemoryOfPodsAlreadyBound()
    {
        Assert.Null(Place(Pod("second", memory: "512Mi"), [Node("a", "8", "1Gi")], [Pod("first", memory: "768Mi", node: "a")]).NodeName);
    }

    [Fact]
    public void Place_WhenNothingFits_SummarisesWhyNodeByNode()
    {
        var nodes = new[]
        {
            Node("a", "1", "1Gi"), Node("b", "1", "1Gi"), Node("down", ready: false),
            Node("tainted", taints: [new Taint { Key = "dedicated", Value = "db", Effect = "NoSchedule" }]), Node("cordoned", cordoned: true),
        };

        var placement = Place(Pod("new", "2"), nodes);

        Assert.Null(placement.NodeName);
        Assert.Equal("0/5 nodes are available: 2 insufficient cpu, 1 node(s) not ready, 1 node(s) unschedulable, 1 untolerated taint", placement.Reason);
    }

    [Fact]
    public void Place_ATolerationOpensATaintedNode()
    {
        var taint = new Taint { Key = "dedicated", Value = "db", Effect = "NoSchedule" };
        var pod = Pod("db") with { Spec = Pod("db").Spec with { Tolerations = [new Toleration { Key = "dedicated", Operator = "Equal", Value = "db", Effect = "NoSchedule" }] } };

        Assert.Equal("tainted", Place(pod, [Node("tainted", taints: [taint])]).NodeName);
        Assert.Null(Place(Pod("other"), [Node("tainted", taints: [taint])]).NodeName);
    }

    [Fact]
    public void Place_HonoursNodeSelectorAndRequiredNodeAffinity()
    {
        var nodes = new[] { Node("ssd", labels: new() { ["disk"] = "ssd", ["gen"] = "5" }), Node("hdd", labels: new() { ["disk"] = "hdd", ["gen"] = "3" }) };
        var bySelector = Pod("a") with { Spec = Pod("a").Spec with { NodeSelector = new() { ["disk"] = "ssd" } } };
        var byAffinity = Pod("b") with
        {
            Spec = Pod("b").Spec with
            {
                Affinity = new Affinity
                {
                    NodeAffinity = new NodeAffinity
                    {
                        RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                        {
                            NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "gen", Operator = "Lt", Values = ["4"] }] }],
                        },
                    },
                },
            },
        };

        Assert.Equal("ssd", Place(bySelector, nodes).NodeName);
        Assert.Equal("hdd", Place(byAffinity, nodes).NodeName);
    }

    [Fact]
    public void Place_RequiredAntiAffinityKeepsMatchingPodsApartPerTopologyDomain()
    {
        var nodes = new[]
        {
            Node("a1", labels: new() { [WellKnown.Zone] = "a" }), Node("a2", labels: new() { [WellKnown.Zone] = "a" }),
            Node("b1", "1", "1Gi", labels: new() { [WellKnown.Zone] = "b" }),
        };
        var web = new Dictionary<string, string> { ["app"] = "web" };
        var term = new PodAffinityTerm { LabelSelector = new LabelSelector { MatchLabels = web }, TopologyKey = WellKnown.Zone };
        var pod = Pod("web-2", labels: web) with
        {
            Spec = Pod("web-2", labels: web).Spec with { Affinity = new Affinity { PodAntiAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [term] } } },
        };

        Assert.Equal("b1", Place(pod, nodes, [Pod("web-1", node: "a1", labels: web)]).NodeName);
        var nowhere = Place(pod, nodes, [Pod("web-1", node: "a1", labels: web), Pod("web-0", node: "b1", labels: web)]);
        Assert.Equal("0/3 nodes are available: 3 didn't satisfy pod anti-affinity", nowhere.Reason);
    }

    [Fact]
    public void Place_APlacedPodsRequiredAntiAffinity_KeepsAMatchingPodOutOfItsDomain_InItsNamespace()
    {
        var nodes = new[] { Node("a1", labels: new() { [WellKnown.Zone] = "a" }), Node("a2", labels: new() { [WellKnown.Zone] = "a" }), Node("b1", "1", "1Gi", labels: new() { [WellKnown.Zone] = "b" }) };
        var term = new PodAffinityTerm { LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = "noisy" } }, TopologyKey = WellKnown.Zone };
        var quiet = Pod("db-0", node: "a1") with
        {
            Spec = Pod("db-0", node: "a1").Spec with { Affinity = new Affinity { PodAntiAffinity = new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [term] } } },
        };
        var noisy = Pod("batch-1", labels: new() { ["app"] = "noisy" });
        var noisyElsewhere = noisy with { Metadata = noisy.Metadata with { Namespace = "other" } };

        Assert.Equal("b1", Place(noisy, nodes, [quiet]).NodeName);
        Assert.Equal("a2", Place(noisyElsewhere, nodes, [quiet]).NodeName);
        Assert.Equal("0/2 nodes are available: 2 didn't satisfy existing pods' anti-affinity", Place(noisy, nodes[..2], [quiet]).Reason);
        Assert.Equal("a2", Place(Pod("web-1"), nodes, [quiet]).NodeName);
    }

    [Fact]
    public void Place_RefusesAHostPortAlreadyTaken()
    {
        Pod WithHostPort(string name, string? node = null)
        {
            var pod = Pod(name, node: node);
            return pod with { Spec = pod.Spec with { Containers = [pod.Spec.Containers[0] with { Ports = [new ContainerPortSpec { ContainerPort = 80, HostPort = 8080 }] }] } };
        }

        Assert.Equal("b", Place(WithHostPort("new"), [Node("a"), Node("b", "1", "1Gi")], [WithHostPort("old", "a")]).NodeName);
    }

    [Fact]
    public void Place_SpreadsOneOwnersPodsAcrossNodes()
    {
        // Without spreading, least-allocated alone would put the third replica back on the larger node.
        var nodes = new[] { Node("large", "8", "16Gi"), Node("small", "4", "8Gi") };
        var placed = new[] { Pod("web-1", node: "large", owner: "rs"), Pod("web-2", node: "large", owner: "rs") };

        Assert.Equal("small", Place(Pod("web-3", owner: "rs"), nodes, placed).NodeName);
    }

    [Fact]
    public void Place_AssumedPodsCountAtOnce()
    {
        var snapshot = ClusterSnapshot.From([Node("only", "1", "1Gi")], []);
        var first = Pod("first", "600m");
        snapshot.SetPod(first with { Spec = first.Spec with { NodeName = PodPlacement.Place(first, snapshot, Now).NodeName } });

        Assert.Equal("0/1 nodes are available: 1 insufficient cpu", PodPlacement.Place(Pod("second", "600m"), snapshot, Now).Reason);
    }

    private static Pod Spread(Pod pod, string whenUnsatisfiable, int maxSkew = 1) => pod with
    {
        Spec = pod.Spec with
        {
            TopologySpreadConstraints =
            [
                new TopologySpreadConstraint
                {
                    MaxSkew = maxSkew, TopologyKey = WellKnown.Zone, WhenUnsatisfiable = whenUnsatisfiable,
                    LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
                },
            ],
        },
    };

    private static Node Zoned(string name, string zone) => Node(name, labels: new() { [WellKnown.Hostname] = name, [WellKnown.Zone] = zone });

    [Fact]
    public void TopologySpread_DoNotSchedule_RefusesTheFullerZone_AndNodesWithoutTheLabel()
    {
        var web = new Dictionary<string, string> { ["app"] = "web" };
        var nodes = new[] { Zoned("a1", "a"), Zoned("a2", "a"), Zoned("b1", "b"), Node("unzoned") };
        var placed = new[] { Pod("w1", node: "a1", labels: web), Pod("w2", node: "a2", labels: web), Pod("w3", node: "b1", labels: web), Pod("other", node: "b1") };

        var next = Place(Spread(Pod("w4", labels: web), "DoNotSchedule"), nodes, placed);
        var full = Place(Spread(Pod("w4", labels: web), "DoNotSchedule"), [Zoned("a1", "a"), Zoned("b1", "b")], [Pod("w1", node: "a1", labels: web), Pod("w2", node: "a1", labels: web), Pod("w3", node: "b1", labels: web)]);

        Assert.Equal("b1", next.NodeName);
        Assert.Equal("b1", full.NodeName);
        var refused = Place(Spread(Pod("w5", labels: web), "DoNotSchedule"),
            [Zoned("a1", "a"), Zoned("b1", "b") with { Spec = new NodeSpec { Unschedulable = true } }], [Pod("w1", node: "a1", labels: web)]);
        Assert.Null(refused.NodeName);
        Assert.Contains("1 didn't match pod topology spread constraints", refused.Reason);
        Assert.Equal("0/1 nodes are available: 1 didn't have the topology spread label topology.kubernetes.io/zone",
            Place(Spread(Pod("w6", labels: web), "DoNotSchedule"), [Node("unzoned")]).Reason);
    }

    [Fact]
    public void TopologySpread_ScheduleAnyway_PrefersTheEmptierZone_ButStillPlacesThePod()
    {
        var web = new Dictionary<string, string> { ["app"] = "web" };
        var placed = new[] { Pod("w1", node: "a1", labels: web), Pod("w2", node: "a1", labels: web) };

        Assert.Equal("b1", Place(Spread(Pod("w3", labels: web), "ScheduleAnyway"), [Zoned("a1", "a"), Zoned("b1", "b")], placed).NodeName);
        Assert.Equal("a1", Place(Spread(Pod("w3", labels: web), "ScheduleAnyway"), [Zoned("a1", "a")], placed).NodeName);
    }
}
