using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Reconciling;
using static GitOrch.Engine.Tests.ControlPlaneHarness;

namespace GitOrch.Engine.Tests;

public class ClusterControllerTests
{
    private readonly ControlPlaneHarness _harness = new(new ControlPlaneOptions
    {
        NodeGracePeriod = TimeSpan.FromSeconds(40),
        PodEvictionTimeout = TimeSpan.FromMinutes(5),
        EventTtl = TimeSpan.FromHours(1),
    });

    private async Task<Node> HeartbeatingNodeAsync(string name)
    {
        var node = await _harness.CreateAsync(new Node { ApiVersion = "v1", Kind = "Node", Metadata = new ObjectMeta { Name = name } });
        await _harness.Client.PutStatusAsync(node, new NodeStatus
        {
            Conditions = [new Condition { Type = "Ready", Status = "True", LastHeartbeatTime = _harness.Clock.GetUtcNow() }],
        });
        return node;
    }

    [Fact]
    public async Task NodeLifecycle_SilentNodeTurnsUnknownAndTainted_ThenLosesItsPods()
    {
        var controller = new NodeLifecycleController(_harness.Context);
        await HeartbeatingNodeAsync(NodeName);
        await _harness.CreateAsync(new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = Meta("p"), Spec = Template("p").Spec with { NodeName = NodeName } });

        var wait = await _harness.ReconcileAsync(controller, NodeName, "_");
        Assert.Equal(TimeSpan.FromSeconds(40), wait.RequeueAfter);

        _harness.Clock.Advance(TimeSpan.FromSeconds(41));
        await _harness.ReconcileAsync(controller, NodeName, "_");
        var node = (await _harness.Client.GetAsync<Node>(null, NodeName))!;
        Assert.Equal("Unknown", node.Status!.Conditions!.Single().Status);
        Assert.Contains(node.Spec.Taints!, taint => taint.Key == WellKnown.UnreachableTaint && taint.Effect == "NoExecute");
        Assert.Single(await _harness.PodsAsync());

        _harness.Clock.Advance(TimeSpan.FromMinutes(5));
        await _harness.ReconcileAsync(controller, NodeName, "_");
        Assert.Empty(await _harness.PodsAsync());
        Assert.Contains(await _harness.Client.ListAsync<Event>("default"), e => e.Reason == "Evicted");
    }

    [Fact]
    public async Task NodeLifecycle_ANodeThatHeartbeatsAgainLosesTheTaint()
    {
        var controller = new NodeLifecycleController(_harness.Context);
        await HeartbeatingNodeAsync(NodeName);
        _harness.Clock.Advance(TimeSpan.FromSeconds(41));
        await _harness.ReconcileAsync(controller, NodeName, "_");

        var node = (await _harness.Client.GetAsync<Node>(null, NodeName))!;
        await _harness.Client.PutStatusAsync(node, new NodeStatus { Conditions = [new Condition { Type = "Ready", Status = "True", LastHeartbeatTime = _harness.Clock.GetUtcNow() }] });
        await _harness.ReconcileAsync(controller, NodeName, "_");

        Assert.Null((await _harness.Client.GetAsync<Node>(null, NodeName))!.Spec.Taints);
    }

    [Fact]
    public async Task GarbageCollector_DeletesObjectsWhoseOwnersAreGone()
    {
        var owner = await _harness.CreateAsync(new ReplicaSet { ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = Meta("rs"), Spec = new ReplicaSetSpec { Selector = Selector("a"), Template = Template("a") } });
        await _harness.CreateAsync(new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = Meta("owned") with { OwnerReferences = [owner.AsControllerReference()] }, Spec = Template("a").Spec });
        await _harness.CreateAsync(new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = Meta("free"), Spec = Template("a").Spec });
        var collector = new GarbageCollector(_harness.Context);

        Assert.Equal(0, await collector.SweepAsync("default", default));
        await _harness.Client.DeleteAsync(owner);
        Assert.Equal(1, await collector.SweepAsync("default", default));
        Assert.Equal(["free"], (await _harness.PodsAsync()).Select(pod => pod.Name));
    }

    [Fact]
    public async Task GarbageCollector_FollowsTheWatch_DeletingDependentsOfADeletedOwnerWithNoResync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = new GarbageCollector(_harness.Context).RunAsync(stop.Token);
        var owner = await _harness.CreateAsync(new ReplicaSet { ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = Meta("rs"), Spec = new ReplicaSetSpec { Selector = Selector("a"), Template = Template("a") } });
        await _harness.CreateAsync(new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = Meta("owned") with { OwnerReferences = [owner.AsControllerReference()] }, Spec = Template("a").Spec });

        await _harness.Client.DeleteAsync(owner);

        // The test clock never moves, so the periodic sweep never runs: only the deletion's watch event can collect the pod.
        while ((await _harness.PodsAsync()).Count > 0) await Task.Delay(20, stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task Namespace_DeletingOneDeletesEverythingInIt()
    {
        await _harness.CreateAsync(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "c", Namespace = "team" } });
        await _harness.CreateAsync(new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new ObjectMeta { Name = "p", Namespace = "team" }, Spec = Template("a").Spec });
        await _harness.CreateAsync(new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = Meta("kept"), Spec = Template("a").Spec });

        Assert.Equal(2, await new NamespaceController(_harness.Context).DeleteContentsAsync("team", default));
        Assert.Empty(await _harness.PodsAsync("team"));
        Assert.Single(await _harness.PodsAsync());
    }

    [Fact]
    public async Task EventCleaner_DeletesOnlyEventsOlderThanTheTtl()
    {
        var pod = await _harness.CreateAsync(new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = Meta("p"), Spec = Template("a").Spec });
        await _harness.Context.Events.RecordAsync(pod, EventTypes.Normal, "Old", "old", default);
        _harness.Clock.Advance(TimeSpan.FromMinutes(50));
        await _harness.Context.Events.RecordAsync(pod, EventTypes.Normal, "Recent", "recent", default);
        _harness.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(1, await new EventCleaner(_harness.Context).CleanAsync(default));
        Assert.Equal(["Recent"], (await _harness.Client.ListAsync<Event>("default")).Select(e => e.Reason));
    }

    [Fact]
    public async Task ControllerRun_ReconcilesOnWatchEvents()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var running = new ReplicaSetController(_harness.Context).RunAsync(stop.Token);
        await _harness.CreateAsync(new ReplicaSet { ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = Meta("rs"), Spec = new ReplicaSetSpec { Replicas = 3, Selector = Selector("a"), Template = Template("a") } });

        while ((await _harness.PodsAsync()).Count < 3) await Task.Delay(20, stop.Token);
        var pod = (await _harness.PodsAsync())[0];
        await _harness.Client.DeleteAsync(pod);
        while ((await _harness.PodsAsync()).Count(p => p.Name != pod.Name) < 3) await Task.Delay(20, stop.Token);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }
}
