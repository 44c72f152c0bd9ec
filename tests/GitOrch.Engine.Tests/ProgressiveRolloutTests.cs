using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Controllers.Deployments;
using GitOrch.Store;
using static GitOrch.Engine.Tests.ControlPlaneHarness;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Tests;

public class ProgressiveRolloutTests
{
    private readonly ControlPlaneHarness _harness = new();
    private readonly DeploymentController _deployments;
    private readonly ReplicaSetController _replicaSets;

    public ProgressiveRolloutTests()
    {
        _deployments = new DeploymentController(_harness.Context);
        _replicaSets = new ReplicaSetController(_harness.Context);
    }

    private static readonly CanaryAnalysis Analysis = new()
    {
        SuccessRate = new SuccessRateThreshold { Min = 0.99 },
        LatencyP99 = new LatencyThreshold { Max = "500ms" },
        MinRequests = 20,
        Interval = "10s",
    };

    private static DeploymentStrategy Canary(params CanaryStep[] steps) =>
        new() { Type = StrategyTypes.Canary, Canary = new CanaryStrategy { Steps = [.. steps] } };

    private static Deployment Web(string image, DeploymentStrategy strategy, int replicas = 4) => new()
    {
        ApiVersion = "apps/v1", Kind = "Deployment", Metadata = Meta("web"),
        Spec = new DeploymentSpec { Replicas = replicas, Selector = Selector("web"), Template = Template("web", image), Strategy = strategy },
    };

    private static Service WebService(string name) => new()
    {
        ApiVersion = "v1", Kind = "Service", Metadata = Meta(name),
        Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80 }] },
    };

    private async Task RoundAsync()
    {
        await _harness.ReconcileAsync(_deployments, "web");
        foreach (var set in await _harness.Client.ListAsync<ReplicaSet>("default"))
            await _harness.ReconcileAsync(_replicaSets, set.Name);
        await _harness.RunPodsAsync();
        foreach (var set in await _harness.Client.ListAsync<ReplicaSet>("default"))
            await _harness.ReconcileAsync(_replicaSets, set.Name);
        await _harness.ReconcileAsync(_deployments, "web");
    }

    private async Task RoundsAsync(int count)
    {
        for (var i = 0; i < count; i++) await RoundAsync();
    }

    private async Task<Deployment> DeploymentAsync() => (await _harness.Client.GetAsync<Deployment>("default", "web"))!;

    private async Task UpdateImageAsync(string image)
    {
        var live = await DeploymentAsync();
        await _harness.Client.UpdateAsync(live with { Spec = live.Spec with { Template = Template("web", image) } });
    }

    private async Task ActAsync(string action)
    {
        var live = await DeploymentAsync();
        var annotations = new Dictionary<string, string>(live.Metadata.Annotations ?? []) { [WellKnown.RolloutAction] = action };
        await _harness.Client.UpdateAsync(live with { Metadata = live.Metadata with { Annotations = annotations } });
    }

    private async Task<string?> WeightsAsync(string service = "web") =>
        (await _harness.Client.GetAsync<Service>("default", service))!.Annotation(WellKnown.TrafficWeights);

    private async Task<Dictionary<string, int>> PodsByImageAsync() =>
        (await _harness.PodsAsync()).GroupBy(p => p.Spec.Containers[0].Image!).ToDictionary(g => g.Key, g => g.Count());

    private async Task<string> HashOfImageAsync(string image) =>
        (await _harness.Client.ListAsync<ReplicaSet>("default")).Single(s => s.Spec.Template.Spec.Containers[0].Image == image).Labels[WellKnown.PodTemplateHash];

    /// <summary>Publishes a node's cumulative counts for the canary version of Service web, as a proxy would.</summary>
    private async Task PublishCanaryTrafficAsync(string version, long requests, long errors)
    {
        var counts = new TrafficCounts
        {
            Requests = requests, Status2xx = requests - errors, Status5xx = errors,
            LatencyBuckets = [requests, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], LatencySumMs = requests,
        };
        var node = new NodeTraffic
        {
            Node = NodeName, At = _harness.Clock.GetUtcNow(),
            Services = new() { ["default/web"] = new ServiceTraffic { Versions = new() { [version] = counts } } },
        };
        await _harness.Store.PutAsync(Buckets.Meta, NodeTraffic.KeyFor(NodeName), ObjectJson.ToBytes(node));
    }

    /// <summary>Service web and Deployment web on app:v1, settled; then app:v2 released for three rounds. The stable and canary hashes.</summary>
    private async Task<(string Stable, string Canary)> ReleaseV2Async(DeploymentStrategy strategy)
    {
        await _harness.CreateAsync(WebService("web"));
        await _harness.CreateAsync(Web("app:v1", strategy));
        await RoundsAsync(3);
        await UpdateImageAsync("app:v2");
        await RoundsAsync(3);
        return (await HashOfImageAsync("app:v1"), await HashOfImageAsync("app:v2"));
    }

    /// <summary>Starts the analysis step's first interval with no canary traffic counted yet.</summary>
    private async Task StartAnalysisAsync(string canary)
    {
        await PublishCanaryTrafficAsync(canary, 0, 0);
        await RoundAsync();
    }

    [Fact]
    public async Task Canary_SetWeight_RunsOneCanaryPodBesideFullStableAndWeightsTheService()
    {
        var (stable, canary) = await ReleaseV2Async(Canary(new CanaryStep { SetWeight = 25 }, new CanaryStep { Pause = new CanaryPause() }));

        Assert.Equal(new Dictionary<string, int> { ["app:v1"] = 4, ["app:v2"] = 1 }, await PodsByImageAsync());
        Assert.Equal($"{canary}=25,{stable}=75".Split(',').Order(StringComparer.Ordinal), (await WeightsAsync())!.Split(',').Order(StringComparer.Ordinal));
        var rollout = (await DeploymentAsync()).Status!.Rollout!;
        Assert.Equal((RolloutPhases.Paused, 1, 25, stable, canary), (rollout.Phase, rollout.CurrentStep, rollout.Weight, rollout.StableHash, rollout.CanaryHash));
    }

    [Fact]
    public async Task Canary_HealthyAnalysis_PromotesThroughEveryStepAndClearsTheWeights()
    {
        var (_, canary) = await ReleaseV2Async(Canary(
            new CanaryStep { SetWeight = 25 }, new CanaryStep { Analysis = Analysis },
            new CanaryStep { SetWeight = 50 }, new CanaryStep { Pause = new CanaryPause { Duration = "30s" } }));

        await StartAnalysisAsync(canary);
        Assert.Equal(RolloutPhases.Analyzing, (await DeploymentAsync()).Status!.Rollout!.Phase);
        await PublishCanaryTrafficAsync(canary, 100, 0);
        _harness.Clock.Advance(TimeSpan.FromSeconds(10));
        await RoundsAsync(2);
        var rollout = (await DeploymentAsync()).Status!.Rollout!;
        Assert.Equal((RolloutPhases.Paused, 3, 50), (rollout.Phase, rollout.CurrentStep, rollout.Weight));
        Assert.Equal(AnalysisVerdicts.Successful, rollout.Measurements!.Single().Verdict);
        Assert.Equal(100, rollout.Measurements!.Single().Requests);

        _harness.Clock.Advance(TimeSpan.FromSeconds(30));
        await RoundsAsync(5);

        var done = await DeploymentAsync();
        Assert.Equal(new Dictionary<string, int> { ["app:v2"] = 4 }, await PodsByImageAsync());
        Assert.Equal((RolloutPhases.Healthy, canary), (done.Status!.Rollout!.Phase, done.Status.Rollout.StableHash));
        Assert.Null(await WeightsAsync());
        Assert.Contains(await _harness.Client.ListAsync<Event>("default"), e => e.Reason == ProgressiveRollout.PromotedReason);
        Assert.Equal(DeploymentConditions.Complete, done.Status.Conditions!.Single(c => c.Type == DeploymentConditions.Progressing).Reason);
    }

    [Fact]
    public async Task Canary_FailingAnalysis_AbortsAtOnceSendsAllTrafficToStableAndRemovesTheCanary()
    {
        var (stable, canary) = await ReleaseV2Async(Canary(new CanaryStep { SetWeight = 25 }, new CanaryStep { Analysis = Analysis }));
        await StartAnalysisAsync(canary);

        await PublishCanaryTrafficAsync(canary, 100, 30);
        _harness.Clock.Advance(TimeSpan.FromSeconds(10));
        await RoundsAsync(3);

        var deployment = await DeploymentAsync();
        Assert.Equal(RolloutPhases.Aborted, deployment.Status!.Rollout!.Phase);
        Assert.Equal($"{stable}=100", await WeightsAsync());
        Assert.Equal(new Dictionary<string, int> { ["app:v1"] = 4 }, await PodsByImageAsync());
        var condition = deployment.Status.Conditions!.Single(c => c.Type == DeploymentConditions.Progressing);
        Assert.Equal(("False", ProgressiveRollout.AbortedReason), (condition.Status, condition.Reason));
        Assert.Contains("success rate 0.7 < 0.99", condition.Message);
        var abortEvents = (await _harness.Client.ListAsync<Event>("default")).Where(e => e.Reason == ProgressiveRollout.AbortedReason).ToList();
        Assert.Single(abortEvents);
        Assert.Contains("over 100 requests", abortEvents[0].Message);
    }

    [Fact]
    public async Task Canary_TooFewRequests_IsInconclusiveAndWaits()
    {
        var (_, canary) = await ReleaseV2Async(Canary(new CanaryStep { SetWeight = 25 }, new CanaryStep { Analysis = Analysis }));
        await StartAnalysisAsync(canary);
        await PublishCanaryTrafficAsync(canary, 5, 5);
        _harness.Clock.Advance(TimeSpan.FromSeconds(10));
        await RoundAsync();

        var rollout = (await DeploymentAsync()).Status!.Rollout!;
        Assert.Equal((RolloutPhases.Analyzing, AnalysisVerdicts.Inconclusive), (rollout.Phase, rollout.Measurements!.Single().Verdict));
    }

    [Fact]
    public async Task Canary_AbortThenRetry_StartsTheStepsAgain_AndPromoteFullSkipsThemAll()
    {
        await ReleaseV2Async(Canary(new CanaryStep { SetWeight = 25 }, new CanaryStep { Pause = new CanaryPause() }));

        await ActAsync(RolloutActions.Abort);
        await RoundsAsync(2);
        Assert.Equal(RolloutPhases.Aborted, (await DeploymentAsync()).Status!.Rollout!.Phase);
        Assert.Null((await DeploymentAsync()).Annotation(WellKnown.RolloutAction));
        Assert.Equal(new Dictionary<string, int> { ["app:v1"] = 4 }, await PodsByImageAsync());

        await ActAsync(RolloutActions.Retry);
        await RoundsAsync(3);
        Assert.Equal((RolloutPhases.Paused, 1), ((await DeploymentAsync()).Status!.Rollout!.Phase, (await DeploymentAsync()).Status!.Rollout!.CurrentStep));

        await ActAsync(RolloutActions.PromoteFull);
        await RoundsAsync(5);
        Assert.Equal(new Dictionary<string, int> { ["app:v2"] = 4 }, await PodsByImageAsync());
        Assert.Equal(RolloutPhases.Healthy, (await DeploymentAsync()).Status!.Rollout!.Phase);
    }

    [Fact]
    public async Task Undo_OfAPromotedCanary_ReturnsToTheOldRevisionAtOnce_ListedUnderItsOwnCommit()
    {
        await _harness.CreateAsync(WebService("web"));
        var first = Web("app:v1", Canary(new CanaryStep { SetWeight = 25 }, new CanaryStep { Analysis = Analysis }));
        await _harness.CreateAsync(first with { Metadata = first.Metadata.WithAnnotation(WellKnown.SourceCommit, "c1") });
        await RoundsAsync(3);
        var live = await DeploymentAsync();
        await _harness.Client.UpdateAsync(live with
        {
            Metadata = live.Metadata.WithAnnotation(WellKnown.SourceCommit, "c2"),
            Spec = live.Spec with { Template = Template("web", "app:v2") },
        });
        await RoundAsync();
        await ActAsync(RolloutActions.PromoteFull);
        await RoundsAsync(5);
        Assert.Equal(new Dictionary<string, int> { ["app:v2"] = 4 }, await PodsByImageAsync());

        live = await DeploymentAsync();
        var firstSet = (await _harness.Client.ListAsync<ReplicaSet>("default")).Single(set => DeploymentRevisions.Of(set) == 1);
        await _harness.Client.UpdateAsync(DeploymentRevisions.RolledBackTo(live, firstSet));
        await RoundsAsync(6);

        Assert.Equal(new Dictionary<string, int> { ["app:v1"] = 4 }, await PodsByImageAsync());
        Assert.Equal(RolloutPhases.Healthy, (await DeploymentAsync()).Status!.Rollout!.Phase);
        var undone = (await _harness.Client.ListAsync<ReplicaSet>("default")).Single(set => set.Spec.Template.Spec.Containers[0].Image == "app:v1");
        Assert.Equal((3L, "c1"), (DeploymentRevisions.Of(undone), undone.Annotation(WellKnown.SourceCommit)));
    }

    [Fact]
    public async Task BlueGreen_PreviewServesNewVersion_PromotionSwitchesActiveAtOnce()
    {
        await _harness.CreateAsync(WebService("web"));
        await _harness.CreateAsync(WebService("web-preview"));
        var strategy = new DeploymentStrategy
        {
            Type = StrategyTypes.BlueGreen,
            BlueGreen = new BlueGreenStrategy { ActiveService = "web", PreviewService = "web-preview", AutoPromotionEnabled = false },
        };
        await _harness.CreateAsync(Web("app:v1", strategy, replicas: 2));
        await RoundsAsync(3);
        await UpdateImageAsync("app:v2");
        await RoundsAsync(3);
        var (blue, green) = (await HashOfImageAsync("app:v1"), await HashOfImageAsync("app:v2"));

        Assert.Equal(new Dictionary<string, int> { ["app:v1"] = 2, ["app:v2"] = 2 }, await PodsByImageAsync());
        Assert.Equal($"{blue}=100", await WeightsAsync("web"));
        Assert.Equal($"{green}=100", await WeightsAsync("web-preview"));
        Assert.Equal(RolloutPhases.Paused, (await DeploymentAsync()).Status!.Rollout!.Phase);

        await ActAsync(RolloutActions.Promote);
        await _harness.ReconcileAsync(_deployments, "web");
        Assert.Equal($"{green}=100", await WeightsAsync("web"));

        await RoundsAsync(4);
        Assert.Equal(new Dictionary<string, int> { ["app:v2"] = 2 }, await PodsByImageAsync());
        Assert.Null(await WeightsAsync("web"));
    }

    [Theory]
    [InlineData("Canary", "steps:\n      - setWeight: 120", "web.yaml:10:11: Deployment \"web\": spec.strategy.canary.steps[0].setWeight: 120 is not between 0 and 100")]
    [InlineData("Canary", "steps:\n      - pause: {duration: soon}", "web.yaml:10:19: Deployment \"web\": spec.strategy.canary.steps[0].pause.duration: \"soon\" is not a duration such as 30s or 5m")]
    [InlineData("Canary", "steps:\n      - setWeight: 10\n        pause: {}", "web.yaml:10:11: Deployment \"web\": spec.strategy.canary.steps[0]: each step needs exactly one of setWeight, pause, analysis")]
    [InlineData("Canary", "steps:\n      - analysis: {successRate: {min: 2}}", "web.yaml:10:36: Deployment \"web\": spec.strategy.canary.steps[0].analysis.successRate.min: 2 is not between 0 and 1")]
    [InlineData("BlueGreen", "previewService: x", "web.yaml:8:5: Deployment \"web\": spec.strategy.blueGreen.activeService: is required for strategy BlueGreen")]
    public void InvalidStrategy_IsRejectedNamingTheField(string type, string body, string expected)
    {
        var field = type == "Canary" ? "canary" : "blueGreen";
        var yaml = $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {"{name: web}"}
            spec:
              selector: {"{matchLabels: {app: web}}"}
              strategy:
                type: {type}
                {field}:
                  {body.Replace("\n", "\n  ")}
              template:
                metadata: {"{labels: {app: web}}"}
                spec: {"{containers: [{name: web, image: app:v1}]}"}
            """;
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("web.yaml", yaml));
        Assert.Equal(expected, error.Message);
    }
}
