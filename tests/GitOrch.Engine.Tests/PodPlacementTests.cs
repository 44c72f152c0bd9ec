using GitOrch.Api.Model;
using GitOrch.Engine.Scheduler;

namespace GitOrch.Engine.Tests;

public class PodPlacementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Node Node(string name, string cpu, string memory, bool ready = true, TimeSpan? heartbeatAge = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new ObjectMeta { Name = name },
        Status = new NodeStatus
        {
            Allocatable = new() { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = "110" },
            Conditions = [new Condition { Type = "Ready", Status = ready ? "True" : "False", LastHeartbeatTime = Now - (heartbeatAge ?? TimeSpan.Zero) }],
        },
    };

    private static Pod Pod(string name, string cpu, string memory, string? node = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = name },
        Spec = new PodSpec
        {
            NodeName = node,
            Containers = [new Container { Name = "c", Image = "busybox", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu, ["memory"] = memory } } }],
        },
    };

    [Fact]
    public void Place_PrefersTheLeastAllocatedNode()
    {
        var nodes = new[] { Node("a", "2", "4Gi"), Node("b", "2", "4Gi") };
        var pods = new[] { Pod("busy", "1500m", "1Gi", node: "a") };

        var placement = PodPlacement.Place(Pod("new", "100m", "64Mi"), nodes, pods, Now);

        Assert.Equal("b", placement.NodeName);
    }

    [Fact]
    public void Place_SkipsNodesThatCannotFitTheRequest()
    {
        var nodes = new[] { Node("small", "500m", "4Gi"), Node("big", "4", "8Gi") };

        Assert.Equal("big", PodPlacement.Place(Pod("new", "1", "64Mi"), nodes, [], Now).NodeName);
    }

    [Fact]
    public void Place_WhenNothingFits_SaysWhyForEachNode()
    {
        var nodes = new[] { Node("a", "1", "1Gi"), Node("down", "8", "8Gi", ready: false), Node("silent", "8", "8Gi", heartbeatAge: TimeSpan.FromMinutes(5)) };

        var placement = PodPlacement.Place(Pod("new", "2", "64Mi"), nodes, [], Now);

        Assert.Null(placement.NodeName);
        Assert.Equal("0/3 nodes are available: 1 insufficient cpu, 1 not ready, 1 not heartbeating", placement.Reason);
    }

    [Fact]
    public void Place_CountsMemoryOfPodsAlreadyBound()
    {
        var nodes = new[] { Node("a", "8", "1Gi") };
        var pods = new[] { Pod("first", "100m", "768Mi", node: "a") };

        Assert.Null(PodPlacement.Place(Pod("second", "100m", "512Mi"), nodes, pods, Now).NodeName);
    }
}
