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
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeRuntime _runtime;
    private readonly ObjectClient _client;
    private readonly SharedInformers _informers;
    private readonly PodSync _sync;

    public PodUsagePublisherTests()
    {
        _runtime = new FakeRuntime(_clock);
        _client = new ObjectClient(new InMemoryObjectStore(), _clock);
        _informers = new SharedInformers(_client);
        _sync = new PodSync(_client, _informers, _runtime, new AgentOptions { NodeName = "n1", StateDirectory = Directory.CreateTempSubdirectory("agent-test-").FullName }, NullLogger.Instance, _clock);
    }

    [Fact]
    public async Task Usage_IsCpuTimeGrowthOverTheInterval_AndMemory_SummedOverThePodsContainers()
    {
        await _client.CreateAsync(new Pod
        {
            ApiVersion = "v1", Kind = "Pod", Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new PodSpec { NodeName = "n1", Containers = [new Container { Name = "app", Image = "busybox:1.36" }, new Container { Name = "sidecar", Image = "busybox:1.36" }] },
        });
        await CacheCatchUp.WaitAsync(_informers, _client, [Kinds.Pod]);
        await _sync.SyncOnceAsync(CancellationToken.None);
        var containers = (await _runtime.InventoryAsync(default)).Containers;
        var publisher = new PodUsagePublisher(_runtime, _informers, _client, "n1", NullLogger.Instance, _clock);
        foreach (var container in containers) _runtime.Usages[container.Id] = new ContainerUsage(TimeSpan.FromSeconds(10), 50_000_000);

        var first = await publisher.MeasureAsync(default);
        _clock.Advance(TimeSpan.FromSeconds(5));
        _runtime.Usages[containers[0].Id] = new ContainerUsage(TimeSpan.FromSeconds(12), 60_000_000);
        _runtime.Usages[containers[1].Id] = new ContainerUsage(TimeSpan.FromSeconds(10.5), 40_000_000);
        var second = await publisher.MeasureAsync(default);

        Assert.Empty(first.Pods);
        Assert.Equal(new PodUsage(500, 100_000_000), second.Pods["default/web"]);
    }
}
