using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Scheduler;

namespace GitOrch.Engine.Tests;

public sealed class PersistentVolumeBinderTests
{
    private readonly ControlPlaneHarness _harness = new();
    private readonly PersistentVolumeBinder _binder;

    public PersistentVolumeBinderTests() => _binder = new PersistentVolumeBinder(_harness.Context);

    [Fact]
    public async Task ClaimOfTheDefaultClass_WaitsForItsFirstConsumer_ThenBindsToTheVolumeMadeOnItsNode()
    {
        await _harness.ReconcileAsync(new DefaultStorageClassController(_harness.Context), WellKnown.LocalPathStorageClass, "");
        var claim = await _harness.CreateAsync(Claim("data", "1Gi"));

        await _harness.ReconcileAsync(_binder, "data");
        Assert.Equal(VolumePhases.Pending, (await ClaimAsync("data")).Status?.Phase);
        Assert.Contains(await EventsAsync(), e => e.Reason == "WaitForFirstConsumer");
        Assert.Equal(HealthStatus.Healthy, ObjectHealth.Of(await ClaimAsync("data")).Status);

        // The scheduler picks the node; that node's provisioner makes the volume.
        claim = await _harness.Client.UpdateAsync(claim with { Metadata = claim.Metadata.WithAnnotation(WellKnown.SelectedNode, "node-1") });
        var localPath = (await _harness.Client.GetAsync<StorageClass>(null, WellKnown.LocalPathStorageClass))!;
        var volume = await _harness.CreateAsync(LocalPathVolumes.For(claim, localPath, "node-1", "/var/lib/gitorch/volumes/x"));
        await _harness.ReconcileAsync(_binder, "data");

        var bound = await ClaimAsync("data");
        Assert.Equal((VolumePhases.Bound, volume.Name, "1Gi"), (bound.Status?.Phase, bound.Spec.VolumeName, bound.Status?.Capacity?["storage"]));
        Assert.Equal(VolumePhases.Bound, (await VolumeAsync(volume.Name)).Status?.Phase);
        Assert.Equal(VolumePhases.Delete, volume.Spec.PersistentVolumeReclaimPolicy);
    }

    [Fact]
    public async Task DeletedClaim_ReleasesItsVolume()
    {
        var volume = await _harness.CreateAsync(Volume("disk", "1Gi"));
        var claim = await _harness.CreateAsync(Claim("data", "1Gi", className: ""));
        await _harness.ReconcileAsync(_binder, "data");
        Assert.Equal("disk", (await ClaimAsync("data")).Spec.VolumeName);

        await _harness.Client.DeleteAsync(await ClaimAsync("data"));
        await _harness.ReconcileAsync(_binder, "data");

        var released = await VolumeAsync(volume.Name);
        Assert.Equal(VolumePhases.Released, released.Status?.Phase);
        Assert.Equal(claim.Metadata.Uid, released.Spec.ClaimRef?.Uid);
    }

    [Fact]
    public async Task ClaimWithoutClass_BindsTheSmallestDeclaredVolumeThatFits()
    {
        await _harness.CreateAsync(Volume("small", "100Mi"));
        await _harness.CreateAsync(Volume("large", "10Gi"));
        await _harness.CreateAsync(Volume("medium", "2Gi"));
        await _harness.CreateAsync(Claim("data", "1Gi", className: ""));

        await _harness.ReconcileAsync(_binder, "data");

        Assert.Equal("medium", (await ClaimAsync("data")).Spec.VolumeName);
        Assert.Equal("data", (await VolumeAsync("medium")).Spec.ClaimRef?.Name);
        Assert.Null((await VolumeAsync("large")).Spec.ClaimRef);
    }

    [Fact]
    public async Task ClaimOfAMissingClass_StaysPending_SayingWhichClass()
    {
        await _harness.CreateAsync(Claim("data", "1Gi", className: "gp2"));

        await _harness.ReconcileAsync(_binder, "data");
        await _harness.ReconcileAsync(_binder, "data");

        Assert.Equal(VolumePhases.Pending, (await ClaimAsync("data")).Status?.Phase);
        Assert.Equal(HealthStatus.Progressing, ObjectHealth.Of(await ClaimAsync("data")).Status);
        var failed = Assert.Single(await EventsAsync(), e => e.Reason == "ProvisioningFailed");
        Assert.Equal("storageclass \"gp2\" not found", failed.Message);
    }

    [Fact]
    public async Task PodOfABoundClaim_IsPlacedOnlyOnTheVolumesNode()
    {
        await _harness.CreateAsync(Volume("disk", "1Gi", node: "node-b"));
        await _harness.CreateAsync(Claim("data", "1Gi", className: ""));
        await _harness.ReconcileAsync(_binder, "data");
        await CacheCatchUpAsync();
        var pod = PodUsing("data");

        var needs = new PodClaims(_harness.Context.Informers).For(pod);
        var snapshot = ClusterSnapshot.From([ReadyNode("node-a"), ReadyNode("node-b"), ReadyNode("node-c")], []);

        Assert.Null(needs.Waiting);
        Assert.Equal("node-b", PodPlacement.Place(pod, snapshot, _harness.Clock.GetUtcNow(), 0, needs.Nodes).NodeName);
    }

    [Fact]
    public async Task PodOfAMissingClaim_WaitsNamingIt()
    {
        await CacheCatchUpAsync();

        var needs = new PodClaims(_harness.Context.Informers).For(PodUsing("nope"));

        Assert.Equal("persistentvolumeclaim \"nope\" not found", needs.Waiting);
    }

    private Task CacheCatchUpAsync() => TestSupport.CacheCatchUp.WaitAsync(_harness.Context.Informers, _harness.Client, Kinds.All);

    private async Task<PersistentVolumeClaim> ClaimAsync(string name) => (await _harness.Client.GetAsync<PersistentVolumeClaim>("default", name))!;

    private async Task<PersistentVolume> VolumeAsync(string name) => (await _harness.Client.GetAsync<PersistentVolume>(null, name))!;

    private async Task<IReadOnlyList<Event>> EventsAsync() => await _harness.Client.ListAsync<Event>("default");

    private static PersistentVolumeClaim Claim(string name, string size, string? className = null) => new()
    {
        ApiVersion = "v1", Kind = "PersistentVolumeClaim", Metadata = ControlPlaneHarness.Meta(name),
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"], StorageClassName = className,
            Resources = new VolumeResourceRequirements { Requests = new() { ["storage"] = size } },
        },
    };

    private static PersistentVolume Volume(string name, string size, string? node = null) => new()
    {
        ApiVersion = "v1", Kind = "PersistentVolume", Metadata = new ObjectMeta { Name = name },
        Spec = new PersistentVolumeSpec
        {
            Capacity = new() { ["storage"] = size }, AccessModes = ["ReadWriteOnce"],
            HostPath = new HostPathVolumeSource { Path = $"/srv/{name}" },
            NodeAffinity = node is null ? null : new VolumeNodeAffinity
            {
                Required = new NodeSelector { NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = WellKnown.Hostname, Operator = "In", Values = [node] }] }] },
            },
        },
    };

    private static Pod PodUsing(string claim) => new()
    {
        ApiVersion = "v1", Kind = "Pod", Metadata = ControlPlaneHarness.Meta("web"),
        Spec = new PodSpec
        {
            Containers = [new Container { Name = "main", Image = "busybox:1.36" }],
            Volumes = [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = claim } }],
        },
    };

    private Node ReadyNode(string name) => new()
    {
        ApiVersion = "v1", Kind = "Node",
        Metadata = new ObjectMeta { Name = name, Labels = new() { [WellKnown.Hostname] = name } },
        Status = new NodeStatus
        {
            Capacity = new() { ["cpu"] = "4", ["memory"] = "8Gi", ["pods"] = "110" },
            Allocatable = new() { ["cpu"] = "4", ["memory"] = "8Gi", ["pods"] = "110" },
            Conditions = [new Condition { Type = NodeHeartbeats.ReadyCondition, Status = "True", LastHeartbeatTime = _harness.Clock.GetUtcNow() }],
        },
    };
}
