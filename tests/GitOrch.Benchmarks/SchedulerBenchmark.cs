using System.Diagnostics;
using GitOrch.Agent.Simulation;
using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Reconciling;
using GitOrch.Engine.Scheduler;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOrch.Benchmarks;

/// <summary>
/// 10,000 pods onto 5,000 nodes: the placement function alone in memory, then the scheduler end to
/// end through NATS with hollow nodes, against raw NATS KV puts measured in the same run.
/// </summary>
public static class SchedulerBenchmark
{
    private const int Nodes = 5000;
    private const int Pods = 10000;
    private const int Owners = 100;

    public static async Task RunAsync()
    {
        var inMemory = Enumerable.Range(0, 3).Select(_ => InMemoryPodsPerSecond()).Order().ToList();
        Console.WriteLine($"scheduler in memory: {inMemory[1]:F0} pods/s (median of 3; runs {string.Join(", ", inMemory.Select(r => r.ToString("F0")))})");
        await EndToEndAsync();
    }

    private static double InMemoryPodsPerSecond()
    {
        var snapshot = ClusterSnapshot.From(Enumerable.Range(0, Nodes).Select(NodeNamed), []);
        var pods = Enumerable.Range(0, Pods).Select(i => PodNamed(i)).ToList();
        var stopwatch = Stopwatch.StartNew();
        var start = 0;
        foreach (var pod in pods)
        {
            var node = PodPlacement.Place(pod, snapshot, DateTimeOffset.UtcNow, start++).NodeName ?? throw new InvalidOperationException("a pod found no node");
            snapshot.SetPod(pod with { Spec = pod.Spec with { NodeName = node } });
        }
        return Pods / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task EndToEndAsync()
    {
        await using var server = await NatsServerProcess.StartAsync();
        var raw = await StoreCreateBenchmark.RawPutsPerSecondAsync(server.Url, StoreCreateBenchmark.ObjectClientPayload());
        await using var store = await NatsObjectStore.ConnectAsync(server.Url);
        var client = new ObjectClient(store);
        using var stop = new CancellationTokenSource();

        var hollow = Task.Run(() => new HollowNodes(client, Nodes, "hollow", NullLogger.Instance).RunAsync(stop.Token));
        await WaitAsync(async () => (await store.ListAsync(Buckets.Status, ObjectKeys.Prefix(Kinds.Node, null))).Count >= Nodes);
        var created = Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(0, Pods).Chunk(256))
            await Task.WhenAll(batch.Select(i => client.CreateAsync(PodNamed(i, uid: false))));
        Console.WriteLine($"created {Pods} pending pods in {created.Elapsed.TotalSeconds:F1}s");

        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var context = ControllerContext.Create(client, NullLoggerFactory.Instance);
        var scheduler = new PodScheduler(context);
        var relay = new PodStatusRelay(context).RunAsync(stop.Token);
        var stopwatch = Stopwatch.StartNew();
        var scheduling = scheduler.RunAsync(stop.Token);
        await WaitAsync(() => Task.FromResult(scheduler.Bound >= Pods || scheduling.IsFaulted));
        if (scheduling.IsFaulted) await scheduling;
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var bound = (await client.ListSpecsAsync(Kinds.Pod)).Count(pod => ((Pod)pod).Spec.NodeName is not null);
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        var rate = Pods / seconds;
        Console.WriteLine($"NATS KV raw put (floor):  {raw,8:F0} ops/s");
        Console.WriteLine($"scheduler end to end:     {rate,8:F0} pods/s ({bound} of {Pods} bound in {seconds:F1}s onto {Nodes} hollow nodes) = {rate / raw:F2}x the raw put rate");
        Console.WriteLine($"scheduler caches: {(heapAfter - heapBefore) / 1048576.0:F0} MiB of managed heap for {Pods} pods and {Nodes} nodes; process working set {Environment.WorkingSet / 1048576.0:F0} MiB");
        await stop.CancelAsync();
        try { await Task.WhenAll(hollow, scheduling, relay); } catch (OperationCanceledException) { }
    }

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var deadline = Stopwatch.StartNew();
        while (!await done())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("the benchmark did not finish in 10 minutes");
            await Task.Delay(50);
        }
    }

    private static Node NodeNamed(int i) => new()
    {
        ApiVersion = "v1", Kind = "Node",
        Metadata = new ObjectMeta { Name = HollowNodes.NodeName("hollow", i), Labels = new() { [WellKnown.Hostname] = HollowNodes.NodeName("hollow", i), [WellKnown.Zone] = $"zone-{i % 3}" } },
        Status = new NodeStatus
        {
            Allocatable = new() { ["cpu"] = "4", ["memory"] = "16Gi", ["pods"] = "110" },
            Conditions = [new Condition { Type = "Ready", Status = "True", LastHeartbeatTime = DateTimeOffset.UtcNow }],
        },
    };

    private static Pod PodNamed(int i, bool uid = true) => new()
    {
        ApiVersion = "v1", Kind = "Pod",
        Metadata = new ObjectMeta
        {
            Name = $"bench-{i:D5}", Namespace = "default", Uid = uid ? $"uid-{i}" : null,
            Labels = new() { ["app"] = $"app-{i % Owners}" },
            OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = $"app-{i % Owners}", Uid = $"owner-{i % Owners}", Controller = true }],
        },
        Spec = new PodSpec
        {
            Containers = [new Container { Name = "main", Image = "busybox:1.36", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "100m", ["memory"] = "128Mi" } } }],
        },
    };
}
