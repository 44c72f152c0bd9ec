using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Controllers;
using GitOrch.Store;

namespace GitOrch.Engine.Tests;

public sealed class HorizontalPodAutoscalerControllerTests
{
    private readonly ControlPlaneHarness _harness = new();
    private readonly HorizontalPodAutoscalerController _controller;

    public HorizontalPodAutoscalerControllerTests() => _controller = new HorizontalPodAutoscalerController(_harness.Context);

    [Fact]
    public async Task RequestsAboveTarget_ScaleTheDeploymentOut_AndTheDeploymentIsMarkedAsTheAutoscalers()
    {
        await _harness.CreateAsync(Deployment(2));
        foreach (var name in new[] { "web-a", "web-b" }) await _harness.CreateAsync(WebPod(name));
        await _harness.RunPodsAsync();
        await _harness.CreateAsync(Autoscaler(perPod: "10"));

        await PublishRequestsAsync(0);
        await _harness.ReconcileAsync(_controller, "web");
        var waiting = await AutoscalerAsync();
        Assert.Contains(waiting.Status!.Conditions!, c => c.Type == "ScalingActive" && c.Status == "False" && c.Message!.Contains("not measured yet"));
        Assert.Equal(2, (await DeploymentAsync()).Spec.Replicas);

        _harness.Clock.Advance(TimeSpan.FromSeconds(5));
        await PublishRequestsAsync(150);
        await _harness.ReconcileAsync(_controller, "web");

        var scaled = await DeploymentAsync();
        Assert.Equal(6, scaled.Spec.Replicas);
        Assert.Equal("HorizontalPodAutoscaler/web", scaled.Annotation(WellKnown.ReplicasOwner));
        var status = (await AutoscalerAsync()).Status!;
        Assert.Equal((2, 6, "30"), (status.CurrentReplicas, status.DesiredReplicas, status.CurrentMetrics![0].AverageValue));
        var rescale = Assert.Single(await _harness.Client.ListAsync<Event>("default"), e => e.Reason == "SuccessfulRescale");
        Assert.Equal("New size: 6; reason: requests_per_second 30 per pod", rescale.Message);
    }

    [Fact]
    public async Task DeletedAutoscaler_GivesTheReplicasBackToGit()
    {
        await _harness.CreateAsync(Deployment(2));
        await _harness.CreateAsync(Autoscaler(perPod: "10"));
        await _harness.ReconcileAsync(_controller, "web");
        Assert.NotNull((await DeploymentAsync()).Annotation(WellKnown.ReplicasOwner));

        await _harness.Client.DeleteAsync(await AutoscalerAsync());
        await _harness.ReconcileAsync(_controller, "web");

        Assert.Null((await DeploymentAsync()).Annotation(WellKnown.ReplicasOwner));
    }

    [Fact]
    public async Task MissingTarget_IsReportedInTheStatus()
    {
        await _harness.CreateAsync(Autoscaler(perPod: "10"));

        await _harness.ReconcileAsync(_controller, "web");

        var condition = Assert.Single((await AutoscalerAsync()).Status!.Conditions!, c => c.Type == "AbleToScale");
        Assert.Equal(("False", "deployment \"web\" not found"), (condition.Status, condition.Message));
    }

    private Task PublishRequestsAsync(long perPod)
    {
        var pods = new Dictionary<string, TrafficCounts> { ["web-a"] = new() { Requests = perPod }, ["web-b"] = new() { Requests = perPod } };
        var traffic = new NodeTraffic { Node = ControlPlaneHarness.NodeName, At = _harness.Clock.GetUtcNow(), Services = new() { ["default/web"] = new ServiceTraffic { Pods = pods } } };
        return _harness.Store.PutAsync(Buckets.Meta, NodeTraffic.KeyFor(ControlPlaneHarness.NodeName), ObjectJson.ToBytes(traffic));
    }

    private async Task<Deployment> DeploymentAsync() => (await _harness.Client.GetAsync<Deployment>("default", "web"))!;

    private async Task<HorizontalPodAutoscaler> AutoscalerAsync() => (await _harness.Client.GetAsync<HorizontalPodAutoscaler>("default", "web"))!;

    private static Deployment Deployment(int replicas) => new()
    {
        ApiVersion = "apps/v1", Kind = "Deployment", Metadata = ControlPlaneHarness.Meta("web"),
        Spec = new DeploymentSpec { Replicas = replicas, Selector = ControlPlaneHarness.Selector("web"), Template = ControlPlaneHarness.Template("web") },
    };

    private static Pod WebPod(string name) => new()
    {
        ApiVersion = "v1", Kind = "Pod", Metadata = ControlPlaneHarness.Meta(name) with { Labels = new() { ["app"] = "web" } },
        Spec = ControlPlaneHarness.Template("web").Spec,
    };

    private static HorizontalPodAutoscaler Autoscaler(string perPod) => new()
    {
        ApiVersion = "autoscaling/v2", Kind = "HorizontalPodAutoscaler", Metadata = ControlPlaneHarness.Meta("web"),
        Spec = new HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" },
            MinReplicas = 1,
            MaxReplicas = 10,
            Metrics =
            [
                new MetricSpec
                {
                    Type = "Pods",
                    Pods = new PodsMetricSource { Metric = new MetricIdentifier { Name = "requests_per_second" }, Target = new MetricTarget { Type = "AverageValue", AverageValue = perPod } },
                },
            ],
        },
    };
}
