using GitOrch.Agent.Pods;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GitOrch.Agent.Tests;

/// <summary>Pod usage as the agent publishes it: CPU from two samples of the containers' CPU time, memory as it is, summed by pod.</summary>
public sealed class PodUsagePublisherTests
{
    [Fact]
    public async Task Usage_IsCpuTimeGrowthOverTheInterval_AndMemory_SummedOverThePodsContainers()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        var runtime = new FakeRuntime(clock);
        var client = new ObjectClient(new InMemoryObjectStore(), clock);
        var informers = new SharedInformers(client);
        var pod = await client.CreateAsync(new Pod
        {
            ApiVersion = "v1", Kind = "Pod", Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new PodSpec { NodeName = "n1", Containers = [new Container { Name = "app", Image = "busybox:1.36" }, new Container { Name = "sidecar", Image = "busybox:1.36" }] },
        });
        await CacheCatchUp.WaitAsync(informers, client, [Kinds.Pod]);
        var sandbox = await runtime.EnsureSandboxAsync(pod, default);
        var ids = new List<string>();
        foreach (var container in pod.Spec.Containers)
            ids.Add(await runtime.StartContainerAsync(pod, container, new ContainerLaunch(sandbox, 0, false, [], [], []), default));
        var publisher = new PodUsagePublisher(runtime, informers, client, "n1", NullLogger.Instance, clock);
        foreach (var id in ids) runtime.Usages[id] = new ContainerUsage(TimeSpan.FromSeconds(10), 50_000_000);

        var first = await publisher.MeasureAsync(default);
        clock.Advance(TimeSpan.FromSeconds(5));
        runtime.Usages[ids[0]] = new ContainerUsage(TimeSpan.FromSeconds(12), 60_000_000);
        runtime.Usages[ids[1]] = new ContainerUsage(TimeSpan.FromSeconds(10.5), 40_000_000);
        var second = await publisher.MeasureAsync(default);

        Assert.Empty(first.Pods);
        Assert.Equal(new PodUsage(500, 100_000_000), second.Pods["default/web"]);
    }
}
