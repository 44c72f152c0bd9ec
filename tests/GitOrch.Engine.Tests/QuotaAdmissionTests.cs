using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;
using static GitOrch.Engine.Tests.ControlPlaneHarness;

namespace GitOrch.Engine.Tests;

/// <summary>A namespace's ResourceQuota caps the pods its controllers create, its LimitRange fills in what containers leave out, and the quota's usage stays current.</summary>
public sealed class QuotaAdmissionTests
{
    private readonly ControlPlaneHarness _harness = new();

    private Task<ReplicaSet> ReplicaSetAsync(int replicas, Dictionary<string, string>? requests = null) => _harness.CreateAsync(new ReplicaSet
    {
        ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = Meta("web"),
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas, Selector = Selector("web"),
            Template = Template("web") with
            {
                Spec = Template("web").Spec with { Containers = [Template("web").Spec.Containers[0] with { Resources = requests is null ? null : new ResourceRequirements { Requests = requests } }] },
            },
        },
    });

    private Task QuotaAsync(Dictionary<string, string> hard) => _harness.CreateAsync(new ResourceQuota
    {
        ApiVersion = "v1", Kind = "ResourceQuota", Metadata = Meta("compute"), Spec = new ResourceQuotaSpec { Hard = hard },
    });

    private async Task<List<string>> FailedCreateMessagesAsync() =>
        [.. (await _harness.Client.ListAsync<Event>("default")).Where(e => e.Reason == "FailedCreate").Select(e => e.Message!)];

    private async Task ScaleAsync(int replicas)
    {
        var set = (await _harness.Client.GetAsync<ReplicaSet>("default", "web"))!;
        await _harness.Client.UpdateAsync(set with { Spec = set.Spec with { Replicas = replicas } }, set);
    }

    private async Task<ResourceQuotaStatus> QuotaStatusAsync()
    {
        await _harness.ReconcileAsync(new ResourceQuotaController(_harness.Context), "compute");
        return (await _harness.Client.GetAsync<ResourceQuota>("default", "compute"))!.Status!;
    }

    [Fact]
    public async Task AQuotaOnCpuRequests_CreatesOnlyThePodsThatFit_AndTheOwnerGetsKubernetesWording()
    {
        await QuotaAsync(new() { ["requests.cpu"] = "1", ["pods"] = "10" });
        await ReplicaSetAsync(3, new() { ["cpu"] = "400m" });

        var result = await _harness.ReconcileAsync(new ReplicaSetController(_harness.Context), "web");

        Assert.Equal(2, (await _harness.PodsAsync()).Count);
        Assert.Equal(PodAdmission.RetryAfter, result.RequeueAfter);
        Assert.Equal("pods for ReplicaSet web are forbidden: exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1",
            Assert.Single(await FailedCreateMessagesAsync()));
    }

    [Fact]
    public async Task AFullQuota_CreatesNoPod_UntilScalingDownMakesRoom_AndStatusUsedFollows()
    {
        await QuotaAsync(new() { ["pods"] = "2" });
        await ReplicaSetAsync(4);
        var controller = new ReplicaSetController(_harness.Context);

        await _harness.ReconcileAsync(controller, "web");
        Assert.Equal(2, (await _harness.PodsAsync()).Count);
        Assert.Equal("2", (await QuotaStatusAsync()).Used!["pods"]);
        Assert.Contains("exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2", Assert.Single(await FailedCreateMessagesAsync()));

        await ScaleAsync(1);
        await _harness.ReconcileAsync(controller, "web");
        Assert.Single(await _harness.PodsAsync());
        Assert.Equal("1", (await QuotaStatusAsync()).Used!["pods"]);

        await ScaleAsync(2);
        await _harness.ReconcileAsync(controller, "web");
        Assert.Equal(2, (await _harness.PodsAsync()).Count);
        var status = await QuotaStatusAsync();
        Assert.Equal("2", status.Used!["pods"]);
        Assert.Equal("2", status.Hard!["pods"]);
    }

    [Fact]
    public async Task AQuotaOnMemory_RefusesContainersThatNameNoMemory()
    {
        await QuotaAsync(new() { ["limits.memory"] = "1Gi" });
        await ReplicaSetAsync(1);

        await _harness.ReconcileAsync(new ReplicaSetController(_harness.Context), "web");

        Assert.Empty(await _harness.PodsAsync());
        Assert.Equal("pods for ReplicaSet web are forbidden: failed quota: compute: must specify limits.memory for: main", Assert.Single(await FailedCreateMessagesAsync()));
    }

    [Fact]
    public async Task ALimitRange_FillsInMissingRequestsAndLimits_SoTheQuotaCanCountThem()
    {
        await _harness.CreateAsync(new LimitRange
        {
            ApiVersion = "v1", Kind = "LimitRange", Metadata = Meta("defaults"),
            Spec = new LimitRangeSpec { Limits = [new LimitRangeItem { Type = "Container", Default = new() { ["memory"] = "256Mi" }, DefaultRequest = new() { ["memory"] = "128Mi" } }] },
        });
        await QuotaAsync(new() { ["limits.memory"] = "1Gi", ["requests.memory"] = "1Gi" });
        await ReplicaSetAsync(2);

        await _harness.ReconcileAsync(new ReplicaSetController(_harness.Context), "web");

        var pods = await _harness.PodsAsync();
        Assert.Equal(2, pods.Count);
        Assert.All(pods, pod => Assert.Equal(("128Mi", "256Mi"), (pod.Spec.Containers[0].Resources!.Requests!["memory"], pod.Spec.Containers[0].Resources!.Limits!["memory"])));
        var status = await QuotaStatusAsync();
        Assert.Equal(("256Mi", "512Mi"), (status.Used!["requests.memory"], status.Used["limits.memory"]));
    }

    [Fact]
    public async Task ALimitRangeMaximum_RefusesALargerLimit_WithTheRangesWording()
    {
        await _harness.CreateAsync(new LimitRange
        {
            ApiVersion = "v1", Kind = "LimitRange", Metadata = Meta("bounds"),
            Spec = new LimitRangeSpec { Limits = [new LimitRangeItem { Type = "Container", Max = new() { ["cpu"] = "1" }, Default = new() { ["cpu"] = "2" } }] },
        });
        await ReplicaSetAsync(1);

        await _harness.ReconcileAsync(new ReplicaSetController(_harness.Context), "web");

        Assert.Empty(await _harness.PodsAsync());
        Assert.Equal("pods for ReplicaSet web are forbidden: maximum cpu usage per Container is 1, but container main has a limit of 2", Assert.Single(await FailedCreateMessagesAsync()));
    }

    [Fact]
    public async Task AQuotaInAnotherNamespace_DoesNotCount()
    {
        await _harness.CreateAsync(new ResourceQuota
        {
            ApiVersion = "v1", Kind = "ResourceQuota", Metadata = new ObjectMeta { Name = "elsewhere", Namespace = "other" }, Spec = new ResourceQuotaSpec { Hard = new() { ["pods"] = "0" } },
        });
        await ReplicaSetAsync(2);

        await _harness.ReconcileAsync(new ReplicaSetController(_harness.Context), "web");

        Assert.Equal(2, (await _harness.PodsAsync()).Count);
    }
}
