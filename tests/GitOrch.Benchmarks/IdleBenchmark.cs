using System.Diagnostics;
using System.Globalization;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.Benchmarks;

/// <summary>
/// What a quiet cluster costs: <c>gitorch up</c> as a process on the embedded store, holding 1,000 objects
/// (948 ConfigMaps, a Deployment, its ReplicaSet and its 50 pods on the process runtime), measured over
/// five minutes once every pod is ready: CPU time as a share of one core, and the largest resident set.
/// GITORCH_IDLE_SECONDS shortens the window for a quick look.
/// </summary>
public static class IdleBenchmark
{
    private const int ConfigMaps = 948;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private const int Replicas = 50;

    public static async Task RunAsync()
    {
        var window = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("GITORCH_IDLE_SECONDS") ?? "300", CultureInfo.InvariantCulture));
        using var repo = new GitRepository();
        var home = Directory.CreateTempSubdirectory("gitorch-idle-").FullName;
        repo.Commit("a quiet app", [.. Enumerable.Range(0, ConfigMaps).Select(i => ($"config/c{i:D4}.yaml", (string?)ConfigMap(i))), ("web.yaml", BenchmarkManifests.Deployment(Replicas, "        command: [sleep, \"3600\"]"))]);
        var up = GitorchProcess.Start(home, "up", "--repo", repo.Path, "--runtime", "process", "--pod-network", "none");
        try
        {
            await MeasureAsync(up, home, window);
        }
        finally
        {
            await up.DisposeAsync();
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task MeasureAsync(GitorchProcess up, string home, TimeSpan window)
    {
        await using (var store = await ProcessWait.StoreAsync(Path.Combine(home, "store.db"), up, Timeout))
        {
            var client = new ObjectClient(store);
            await ProcessWait.UntilAsync(async () => (await client.ListAsync<Pod>("default")).Count(PodConditions.IsReady) >= Replicas, "50 ready pods", up, Timeout);
        }

        var cpuBefore = ProcessStats.CpuSeconds(up.Id);
        var clock = Stopwatch.StartNew();
        long largestRss = 0;
        while (clock.Elapsed < window)
        {
            largestRss = Math.Max(largestRss, ProcessStats.ResidentBytes(up.Id));
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        var share = (ProcessStats.CpuSeconds(up.Id) - cpuBefore) / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"idle up, 1,000 objects and {Replicas} pods, over {clock.Elapsed.TotalSeconds:F0}s: {share * 100:F2}% of one core, largest resident set {largestRss / 1048576.0:F0} MiB");
    }

    private static string ConfigMap(int i) => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i:D4}\ndata:\n  value: \"{i}\"\n";
}
