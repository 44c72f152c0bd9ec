using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Controllers.Deployments;
using static GitOrch.Engine.Tests.ControlPlaneHarness;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Tests;

public class DeploymentControllerTests
{
    private readonly ControlPlaneHarness _harness = new();
    private readonly DeploymentController _deployments;
    private readonly ReplicaSetController _replicaSets;

    public DeploymentControllerTests()
    {
        _deployments = new DeploymentController(_harness.Context);
        _replicaSets = new ReplicaSetController(_harness.Context);
    }

    private static Deployment Web(int replicas, string image, DeploymentStrategy? strategy = null, int? historyLimit = null, int? deadline = null) => new()
    {
        ApiVersion = "apps/v1", Kind = "Deployment", Metadata = Meta("web"),
        Spec = new DeploymentSpec
        {
            Replicas = replicas, Selector = Selector("web"), Template = Template("web", image), Strategy = strategy,
            RevisionHistoryLimit = historyLimit, ProgressDeadlineSeconds = deadline,
        },
    };

    /// <summary>One round of the control loop: the deployment, each of its sets, the agent, then the sets again for their status.</summary>
    private async Task RoundAsync(bool runPods = true)
    {
        await _harness.ReconcileAsync(_deployments, "web");
        foreach (var set in await _harness.Client.ListAsync<ReplicaSet>("default"))
            await _harness.ReconcileAsync(_replicaSets, set.Name);
        if (runPods) await _harness.RunPodsAsync();
        foreach (var set in await _harness.Client.ListAsync<ReplicaSet>("default"))
            await _harness.ReconcileAsync(_replicaSets, set.Name);
    }

    private async Task UpdateImageAsync(string image)
    {
        var live = (await _harness.Client.GetAsync<Deployment>("default", "web"))!;
        await _harness.Client.UpdateAsync(live with { Spec = live.Spec with { Template = Template("web", image) } });
    }

    [Fact]
    public async Task RollingUpdate_WithMaxUnavailableOne_NeverDropsBelowFiveReadyOfSix()
    {
        var strategy = new DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment { MaxUnavailable = 1, MaxSurge = 1 } };
        await _harness.CreateAsync(Web(6, "app:v1", strategy));
        for (var i = 0; i < 5; i++) await RoundAsync();
        Assert.Equal(6, await _harness.ReadyPodsAsync());

        await UpdateImageAsync("app:v2");
        var lowest = int.MaxValue;
        for (var i = 0; i < 30; i++)
        {
            await RoundAsync();
            lowest = Math.Min(lowest, await _harness.ReadyPodsAsync());
        }

        Assert.True(lowest >= 5, $"ready pods fell to {lowest}");
        var pods = await _harness.PodsAsync();
        Assert.Equal(6, pods.Count);
        Assert.All(pods, pod => Assert.Equal("app:v2", pod.Spec.Containers[0].Image));
        var status = (await _harness.Client.GetAsync<Deployment>("default", "web"))!.Status!;
        Assert.Equal((6, 6, 6), (status.UpdatedReplicas, status.AvailableReplicas, status.Replicas));
        Assert.Equal(DeploymentConditions.Complete, status.Conditions!.Single(c => c.Type == DeploymentConditions.Progressing).Reason);
    }

    [Fact]
    public async Task RollingUpdate_PercentagesRoundSurgeUpAndUnavailabilityDown()
    {
        Assert.Equal(2, new IntOrString("25%").Scaled(6, roundUp: true));
        Assert.Equal(1, new IntOrString("25%").Scaled(6, roundUp: false));
        // 10 replicas, surge 0, unavailable 30%: the first step removes 3 old pods and adds none.
        var step = RollingUpdatePlan.Step(10, 0, new IntOrString("30%").Scaled(10, roundUp: false), new ReplicaSetScale("new", 0, 0), [new ReplicaSetScale("old", 10, 10)]);
        Assert.Equal((0, 7), (step.NewReplicas, step.OldReplicas[0]));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Recreate_StopsEveryOldPodBeforeStartingNewOnes()
    {
        await _harness.CreateAsync(Web(3, "app:v1", new DeploymentStrategy { Type = "Recreate" }));
        for (var i = 0; i < 3; i++) await RoundAsync();
        await UpdateImageAsync("app:v2");

        await RoundAsync(runPods: false);
        Assert.Empty(await _harness.PodsAsync());

        for (var i = 0; i < 3; i++) await RoundAsync();
        Assert.All(await _harness.PodsAsync(), pod => Assert.Equal("app:v2", pod.Spec.Containers[0].Image));
        Assert.Equal(3, await _harness.ReadyPodsAsync());
    }

    [Fact]
    public async Task ProgressDeadline_TurnsProgressingFalseWhenPodsNeverBecomeReady()
    {
        await _harness.CreateAsync(Web(2, "app:v1", deadline: 60));
        await RoundAsync(runPods: false);
        await RoundAsync(runPods: false);
        _harness.Clock.Advance(TimeSpan.FromSeconds(59));
        await RoundAsync(runPods: false);
        var before = (await _harness.Client.GetAsync<Deployment>("default", "web"))!.Status!.Conditions!.Single(c => c.Type == DeploymentConditions.Progressing);
        Assert.Equal("True", before.Status);
        _harness.Clock.Advance(TimeSpan.FromSeconds(2));
        await RoundAsync(runPods: false);

        var deployment = (await _harness.Client.GetAsync<Deployment>("default", "web"))!;
        var progressing = deployment.Status!.Conditions!.Single(c => c.Type == DeploymentConditions.Progressing);
        Assert.Equal(("False", DeploymentConditions.DeadlineExceeded), (progressing.Status, progressing.Reason));
        var events = await _harness.Client.ListAsync<Event>("default");
        Assert.Contains(events, e => e.Reason == DeploymentConditions.DeadlineExceeded && e.Type == EventTypes.Warning);
    }

    [Fact]
    public async Task RevisionHistoryLimit_KeepsOnlyThatManyOldReplicaSets_AndRevisionsCount()
    {
        await _harness.CreateAsync(Web(1, "app:v1", historyLimit: 1));
        for (var version = 2; version <= 4; version++)
        {
            for (var i = 0; i < 6; i++) await RoundAsync();
            await UpdateImageAsync($"app:v{version}");
        }
        for (var i = 0; i < 8; i++) await RoundAsync();

        var sets = await _harness.Client.ListAsync<ReplicaSet>("default");
        Assert.Equal(2, sets.Count);
        Assert.Equal([3L, 4L], sets.Select(DeploymentRevisions.Of).Order().ToArray());
    }

    [Fact]
    public async Task Pause_StopsTheRolloutWhereItIs()
    {
        await _harness.CreateAsync(Web(2, "app:v1"));
        for (var i = 0; i < 3; i++) await RoundAsync();
        var live = (await _harness.Client.GetAsync<Deployment>("default", "web"))!;
        await _harness.Client.UpdateAsync(live with
        {
            Metadata = live.Metadata with { Annotations = new() { [WellKnown.Paused] = "true" } },
            Spec = live.Spec with { Template = Template("web", "app:v2") },
        });
        for (var i = 0; i < 3; i++) await RoundAsync();

        Assert.All(await _harness.PodsAsync(), pod => Assert.Equal("app:v1", pod.Spec.Containers[0].Image));
    }

    [Fact]
    public async Task UndoAfterRestart_ReturnsToThePodsOfTheEarlierRevision()
    {
        await _harness.CreateAsync(Web(2, "app:v1"));
        for (var i = 0; i < 4; i++) await RoundAsync();
        var firstHash = (await _harness.Client.ListAsync<ReplicaSet>("default")).Single().Labels[WellKnown.PodTemplateHash];
        var live = (await _harness.Client.GetAsync<Deployment>("default", "web"))!;
        await _harness.Client.UpdateAsync(live with { Metadata = live.Metadata with { Annotations = new() { [WellKnown.RestartedAt] = "2026-11-22T12:00:00Z" } } });
        for (var i = 0; i < 6; i++) await RoundAsync();
        Assert.All(await _harness.PodsAsync(), pod => Assert.NotEqual(firstHash, pod.Labels[WellKnown.PodTemplateHash]));

        var sets = await _harness.Client.ListAsync<ReplicaSet>("default");
        live = (await _harness.Client.GetAsync<Deployment>("default", "web"))!;
        await _harness.Client.UpdateAsync(DeploymentRevisions.RolledBackTo(live, sets.Single(set => DeploymentRevisions.Of(set) == 1)), live);
        for (var i = 0; i < 6; i++) await RoundAsync();

        Assert.All(await _harness.PodsAsync(), pod => Assert.Equal(firstHash, pod.Labels[WellKnown.PodTemplateHash]));
    }
}
