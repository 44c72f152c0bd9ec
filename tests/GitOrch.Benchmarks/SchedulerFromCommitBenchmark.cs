using System.Diagnostics;
using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;

namespace GitOrch.Benchmarks;

/// <summary>
/// The user's figure for scale: from the commit of a 10,000-replica Deployment to all 10,000 pods bound,
/// with <c>gitorch server</c> and <c>gitorch agent --simulate 5000</c> running as separate processes on
/// NATS. The ReplicaSet controller's creates count. The floor is raw NATS KV puts, measured in the same run.
/// </summary>
public static class SchedulerFromCommitBenchmark
{
    private const int Nodes = 5000;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private const int Replicas = 10000;

    public static async Task RunAsync()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        var raw = await StoreCreateBenchmark.RawPutsPerSecondAsync(nats.Url, StoreCreateBenchmark.ObjectClientPayload());
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);
        using var repo = new GitRepository();
        var home = Directory.CreateTempSubdirectory("gitorch-bench-").FullName;
        repo.Commit("empty", ("README.md", "nothing yet\n"));

        await using var agent = GitorchProcess.Start(home, "agent", "--simulate", $"{Nodes}", "--node", "hollow", "--store", nats.Url);
        await ProcessWait.UntilAsync(async () => (await store.ListAsync(Buckets.Status, ObjectKeys.Prefix(Kinds.Node, null))).Count >= Nodes, "the hollow nodes", agent, Timeout);
        await using var server = GitorchProcess.Start(home, "server", "--repo", repo.Path, "--interval", "00:00:00.5", "--listen", "off", "--store", nats.Url);
        await ProcessWait.UntilAsync(async () => await store.GetAsync(Buckets.Meta, "sync.source") is not null, "the server's first sync", server, Timeout);

        var stopwatch = Stopwatch.StartNew();
        repo.Commit("scale", ("web.yaml", BenchmarkManifests.Deployment(Replicas, "        resources:\n          requests: {cpu: 10m, memory: 16Mi}")));
        var bound = 0;
        await ProcessWait.UntilAsync(async () =>
        {
            bound = (await client.ListSpecsAsync(Kinds.Pod)).Count(pod => ((Pod)pod).Spec.NodeName is not null);
            return bound >= Replicas;
        }, "all pods bound", server, Timeout);
        var seconds = stopwatch.Elapsed.TotalSeconds;

        var rate = Replicas / seconds;
        Console.WriteLine($"NATS KV raw put (floor):        {raw,8:F0} ops/s");
        Console.WriteLine($"commit to {Replicas} pods bound:  {rate,8:F0} pods/s ({seconds:F1}s; server and agent --simulate {Nodes} as processes) = {rate / raw:F3}x the raw put rate");
        Directory.Delete(home, recursive: true);
    }

}
