using GitOrch.Api.Vocabulary;
using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;
using static GitOrch.Engine.Tests.ControlPlaneHarness;
using GitOrch.Engine.Reconciling;

namespace GitOrch.Engine.Tests;

public sealed class WorkloadControllerTests : IDisposable
{
    private readonly ControlPlaneHarness _harness = new();
    private readonly DirectoryInfo _volumes = Directory.CreateTempSubdirectory("gitorch-volumes-");

    public void Dispose() => _volumes.Delete(recursive: true);

    [Fact]
    public async Task ReplicaSet_AdoptsAnOrphanItSelects_AndReleasesAPodItNoLongerSelects()
    {
        var controller = new ReplicaSetController(_harness.Context);
        await _harness.CreateAsync(new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = Meta("stray") with { Labels = new() { ["app"] = "web" } }, Spec = Template("web").Spec });
        var set = await _harness.CreateAsync(new ReplicaSet
        {
            ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = Meta("web"),
            Spec = new ReplicaSetSpec { Replicas = 2, Selector = Selector("web"), Template = Template("web") },
        });

        await _harness.ReconcileAsync(controller, "web");
        var pods = await _harness.PodsAsync();
        Assert.Equal(2, pods.Count);
        Assert.All(pods, pod => Assert.True(pod.IsOwnedBy(set)));

        var stray = pods.Single(pod => pod.Name == "stray");
        await _harness.Client.UpdateAsync(stray with { Metadata = stray.Metadata with { Labels = new() { ["app"] = "other" } } });
        await _harness.ReconcileAsync(controller, "web");

        Assert.False((await _harness.Client.GetAsync<Pod>("default", "stray"))!.IsOwnedBy(set));
        Assert.Equal(2, (await _harness.PodsAsync()).Count(pod => pod.IsOwnedBy(set)));
    }

    [Fact]
    public async Task ReplicationController_KeepsItsCountOfPods_SelectingByItsLabelMap_AndScalesDown()
    {
        var controller = new ReplicationControllerController(_harness.Context);
        var owner = await _harness.CreateAsync(new ReplicationController
        {
            ApiVersion = "v1", Kind = "ReplicationController", Metadata = Meta("legacy"),
            Spec = new ReplicationControllerSpec { Replicas = 3, Selector = new() { ["app"] = "legacy" }, Template = Template("legacy") },
        });

        await _harness.ReconcileAsync(controller, "legacy");
        var pods = await _harness.PodsAsync();
        Assert.Equal(3, pods.Count);
        Assert.All(pods, pod => Assert.True(pod.IsOwnedBy(owner)));
        Assert.All(pods, pod => Assert.StartsWith("legacy-", pod.Name));
        Assert.Equal(3, (await _harness.Client.GetAsync<ReplicationController>("default", "legacy"))!.Status?.Replicas);

        var live = (await _harness.Client.GetAsync<ReplicationController>("default", "legacy"))!;
        await _harness.Client.UpdateAsync(live with { Spec = live.Spec with { Replicas = 1 } });
        await _harness.ReconcileAsync(controller, "legacy");

        Assert.Single(await _harness.PodsAsync());
    }

    [Fact]
    public void ReplicaSet_DeletesUnscheduledThenNotReadyThenNewestFirst()
    {
        Pod P(string name, string? node, bool ready, int minute) => new()
        {
            Metadata = new ObjectMeta { Name = name, CreationTimestamp = new DateTimeOffset(2026, 1, 1, 0, minute, 0, TimeSpan.Zero) },
            Spec = new PodSpec { NodeName = node },
            Status = new PodStatus { Phase = "Running", Conditions = [new Condition { Type = "Ready", Status = ready ? "True" : "False" }] },
        };
        var order = PodCountController.DeletionOrder([P("old-ready", "n", true, 1), P("new-ready", "n", true, 5), P("not-ready", "n", false, 2), P("unscheduled", null, true, 3)]);

        Assert.Equal(["unscheduled", "not-ready", "new-ready", "old-ready"], order.Select(pod => pod.Name));
    }

    [Fact]
    public async Task StatefulSet_StartsOrdinalsInOrderEachAfterTheLastIsReady_AndStopsHighestFirst()
    {
        var controller = new StatefulSetController(_harness.Context);
        var set = await _harness.CreateAsync(new StatefulSet
        {
            ApiVersion = "apps/v1", Kind = "StatefulSet", Metadata = Meta("db"),
            Spec = new StatefulSetSpec
            {
                Replicas = 3, Selector = Selector("db"), Template = Template("db"), ServiceName = "db",
                VolumeClaimTemplates = [new PersistentVolumeClaimTemplate { Metadata = new ObjectMeta { Name = "data" } }],
            },
        });
        var seen = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await _harness.ReconcileAsync(controller, "db");
            await _harness.ReconcileAsync(controller, "db");
            seen.Add(string.Join(",", (await _harness.PodsAsync()).Select(pod => pod.Name).Order()));
            await _harness.ProvisionClaimsAsync(_volumes.FullName);
            await _harness.RunPodsAsync();
        }
        Assert.Equal(["db-0", "db-0,db-1", "db-0,db-1,db-2"], seen);
        var first = (await _harness.Client.GetAsync<Pod>("default", "db-1"))!;
        Assert.Equal(("db-1", "db"), (first.Spec.Hostname, first.Spec.Subdomain));
        Assert.Equal("data-db-1", first.Spec.Volumes![0].PersistentVolumeClaim!.ClaimName);

        var live = (await _harness.Client.GetAsync<StatefulSet>("default", "db"))!;
        await _harness.Client.UpdateAsync(live with { Spec = live.Spec with { Replicas = 1 } });
        await _harness.ReconcileAsync(controller, "db");
        Assert.Equal(["db-0", "db-1"], (await _harness.PodsAsync()).Select(pod => pod.Name).Order());
        await _harness.ReconcileAsync(controller, "db");
        Assert.Equal(["db-0"], (await _harness.PodsAsync()).Select(pod => pod.Name));
    }

    [Fact]
    public async Task StatefulSet_RollsInReverseOrdinalOrderDownToThePartition()
    {
        var controller = new StatefulSetController(_harness.Context);
        await _harness.CreateAsync(new StatefulSet
        {
            ApiVersion = "apps/v1", Kind = "StatefulSet", Metadata = Meta("db"),
            Spec = new StatefulSetSpec { Replicas = 3, Selector = Selector("db"), Template = Template("db"), PodManagementPolicy = "Parallel" },
        });
        await _harness.ReconcileAsync(controller, "db");
        await _harness.RunPodsAsync();
        var live = (await _harness.Client.GetAsync<StatefulSet>("default", "db"))!;
        await _harness.Client.UpdateAsync(live with
        {
            Spec = live.Spec with
            {
                Template = Template("db", "db:v2"),
                UpdateStrategy = new StatefulSetUpdateStrategy { RollingUpdate = new RollingUpdateStatefulSet { Partition = 1 } },
            },
        });
        var replaced = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var before = (await _harness.PodsAsync()).ToDictionary(pod => pod.Name, pod => pod.Spec.Containers[0].Image);
            await _harness.ReconcileAsync(controller, "db");
            await _harness.ReconcileAsync(controller, "db");
            await _harness.RunPodsAsync();
            replaced.AddRange((await _harness.PodsAsync()).Where(pod => before.GetValueOrDefault(pod.Name) != pod.Spec.Containers[0].Image).Select(pod => pod.Name));
        }

        Assert.Equal(["db-2", "db-1"], replaced);
        Assert.Equal("busybox:1.36", (await _harness.Client.GetAsync<Pod>("default", "db-0"))!.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task DaemonSet_RunsOnePodPerEligibleNode_AndFollowsNodesComingAndGoing()
    {
        var controller = new DaemonSetController(_harness.Context);
        Node NodeNamed(string name, string role) => new() { ApiVersion = "v1", Kind = "Node", Metadata = new ObjectMeta { Name = name, Labels = new() { ["role"] = role } } };
        await _harness.CreateAsync(NodeNamed("w1", "worker"));
        await _harness.CreateAsync(NodeNamed("w2", "worker"));
        await _harness.CreateAsync(NodeNamed("db", "database") with { Spec = new NodeSpec { Taints = [new Taint { Key = "dedicated", Effect = "NoSchedule" }] } });
        var template = Template("agent");
        await _harness.CreateAsync(new DaemonSet
        {
            ApiVersion = "apps/v1", Kind = "DaemonSet", Metadata = Meta("agent"),
            Spec = new DaemonSetSpec { Selector = Selector("agent"), Template = template },
        });

        await _harness.ReconcileAsync(controller, "agent");
        Assert.Equal(["w1", "w2"], (await _harness.PodsAsync()).Select(pod => pod.Spec.NodeName!).Order());

        await _harness.CreateAsync(NodeNamed("w3", "worker"));
        await _harness.Client.DeleteAsync((await _harness.Client.GetAsync<Node>(null, "w1"))!);
        await _harness.ReconcileAsync(controller, "agent");
        Assert.Equal(["w2", "w3"], (await _harness.PodsAsync()).Select(pod => pod.Spec.NodeName!).Order());
    }

    [Fact]
    public async Task Job_RunsParallelPodsUntilCompletions()
    {
        var controller = new JobController(_harness.Context);
        await _harness.CreateAsync(new Job
        {
            ApiVersion = "batch/v1", Kind = "Job", Metadata = Meta("batch"),
            Spec = new JobSpec { Completions = 3, Parallelism = 2, Template = Template("batch", restartPolicy: "Never") },
        });

        await _harness.ReconcileAsync(controller, "batch");
        Assert.Equal(2, (await _harness.PodsAsync()).Count);
        await _harness.RunPodsToExitAsync(0);

        await _harness.ReconcileAsync(controller, "batch");
        Assert.Equal(3, (await _harness.PodsAsync()).Count);
        await _harness.RunPodsToExitAsync(0);
        await _harness.ReconcileAsync(controller, "batch");

        var job = (await _harness.Client.GetAsync<Job>("default", "batch"))!;
        Assert.Equal((3, 0), (job.Status!.Succeeded, job.Status.Active));
        Assert.Equal(JobConditions.Complete, job.Status.Conditions!.Single().Type);
    }

    [Fact]
    public async Task Job_FailsAfterBackoffLimit_AndIsDeletedAfterItsTtl()
    {
        var controller = new JobController(_harness.Context);
        await _harness.CreateAsync(new Job
        {
            ApiVersion = "batch/v1", Kind = "Job", Metadata = Meta("flaky"),
            Spec = new JobSpec { BackoffLimit = 1, TtlSecondsAfterFinished = 60, Template = Template("flaky", restartPolicy: "Never") },
        });
        for (var i = 0; i < 2; i++)
        {
            await _harness.ReconcileAsync(controller, "flaky");
            await _harness.RunPodsToExitAsync(1);
        }
        var result = await _harness.ReconcileAsync(controller, "flaky");

        var job = (await _harness.Client.GetAsync<Job>("default", "flaky"))!;
        Assert.Equal("BackoffLimitExceeded", job.Status!.Conditions!.Single().Reason);
        Assert.Equal(TimeSpan.FromSeconds(60), result.RequeueAfter);
        _harness.Clock.Advance(TimeSpan.FromSeconds(60));
        await _harness.ReconcileAsync(controller, "flaky");
        Assert.Null(await _harness.Client.GetAsync<Job>("default", "flaky"));
    }

    private static CronJob CronJobNamed(string name, string schedule, string? concurrencyPolicy = null) => new()
    {
        ApiVersion = "batch/v1", Kind = "CronJob", Metadata = Meta(name),
        Spec = new CronJobSpec
        {
            Schedule = schedule, ConcurrencyPolicy = concurrencyPolicy,
            JobTemplate = new JobTemplateSpec { Spec = new JobSpec { Template = Template(name, restartPolicy: "OnFailure") } },
        },
    };

    [Fact]
    public async Task CronJob_WithABadScheduleInTheStore_FailsTerminally_NamingTheField()
    {
        var controller = new CronJobController(_harness.Context);
        await _harness.CreateAsync(CronJobNamed("broken", "every tuesday"));

        var failure = await Assert.ThrowsAsync<TerminalException>(() => _harness.ReconcileAsync(controller, "broken"));
        Assert.Contains("CronJob default/broken: spec.schedule: \"every tuesday\"", failure.Message);
        Assert.Empty(await _harness.Client.ListAsync<Job>("default"));
    }

    [Fact]
    public async Task CronJob_StartsAJobAtEachScheduledTime_AndForbidSkipsWhileOneRuns()
    {
        var controller = new CronJobController(_harness.Context);
        await _harness.CreateAsync(CronJobNamed("nightly", "*/5 * * * *", concurrencyPolicy: "Forbid"));

        var wait = await _harness.ReconcileAsync(controller, "nightly");
        Assert.Empty(await _harness.Client.ListAsync<Job>("default"));
        Assert.Equal(TimeSpan.FromMinutes(5), wait.RequeueAfter);

        _harness.Clock.Advance(TimeSpan.FromMinutes(5));
        await _harness.ReconcileAsync(controller, "nightly");
        Assert.Single(await _harness.Client.ListAsync<Job>("default"));

        _harness.Clock.Advance(TimeSpan.FromMinutes(5));
        await _harness.ReconcileAsync(controller, "nightly");
        Assert.Single(await _harness.Client.ListAsync<Job>("default"));
        Assert.Contains(await _harness.Client.ListAsync<Event>("default"), e => e.Reason == "JobAlreadyActive");
    }

    [Fact]
    public void CronSchedule_HonoursItsTimeZone()
    {
        var schedule = CronSchedule.Parse("0 9 * * *", "Europe/Berlin");
        var next = schedule.Next(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), next);
        Assert.NotNull(CronSchedule.Problem("61 * * * *", null));
        Assert.NotNull(CronSchedule.Problem("* * * * *", "Mars/Olympus"));
    }
}
