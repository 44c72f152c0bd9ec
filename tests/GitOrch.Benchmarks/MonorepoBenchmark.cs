using System.Diagnostics;
using GitOrch.Engine.Git;
using GitOrch.Engine.Sync;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.Benchmarks;

/// <summary>
/// A monorepo of 1,000 apps in folders, 10 objects each (a Deployment, a Service and 8 ConfigMaps), on
/// NATS. The server's sync step, warm in one process as <c>gitorch server</c> runs it: the time from
/// a commit that changes one app being seen to that app's change being in the store. The floor is
/// <c>git diff-tree -r</c> plus parsing the files it names.
/// </summary>
public static class MonorepoBenchmark
{
    private const int Apps = 1000;
    private const int Rounds = 5;

    public static async Task RunAsync()
    {
        Console.WriteLine($"monorepo: {Apps} apps, {Apps * 10} objects, NATS");
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        using var repo = new GitRepository();
        for (var app = 0; app < Apps; app++) WriteApp(repo, app, "v0");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "1000 apps");

        var gitOps = new GitOps(store, ManifestRepository.Open(repo.Path));
        var first = Stopwatch.StartNew();
        var initial = await gitOps.ApplyNextAsync(repo.Git("rev-parse", "HEAD").Trim(), CancellationToken.None);
        Console.WriteLine($"  first sync: {initial.Changes.Count} objects in {first.Elapsed.TotalSeconds:F1} s");

        var sync = new List<double>();
        var floor = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            var before = repo.Git("rev-parse", "HEAD").Trim();
            WriteApp(repo, round * 97 % Apps, $"v{round}");
            repo.Git("commit", "-q", "-a", "-m", $"change one app, round {round}");
            var commit = repo.Git("rev-parse", "HEAD").Trim();
            floor.Add(PlanBenchmark.Floor(repo, before, commit));
            var clock = Stopwatch.StartNew();
            var result = await gitOps.ApplyNextAsync(commit, CancellationToken.None);
            sync.Add(clock.Elapsed.TotalMilliseconds);
            if (result.Changes.Count != 8) throw new InvalidOperationException($"a one-app commit changed {result.Changes.Count} objects, not 8");
        }
        var (syncMs, floorMs) = (AgentBenchmark.Percentile(sync, 50), AgentBenchmark.Percentile(floor, 50));
        Console.WriteLine($"  one-app commit to the store: p50 {syncMs:F0} ms (runs {string.Join(", ", sync.Select(t => t.ToString("F0")))}); " +
                          $"floor {floorMs:F0} ms; {syncMs / floorMs:F1}x the floor; goal under 1,000 ms");
    }

    /// <summary>One app's folder: a Deployment and a Service in one file, and 8 ConfigMaps holding <paramref name="value"/> in another.</summary>
    private static void WriteApp(GitRepository repo, int app, string value)
    {
        var folder = Directory.CreateDirectory(Path.Combine(repo.Path, "apps", $"app-{app:D4}")).FullName;
        var name = $"app-{app:D4}";
        File.WriteAllText(Path.Combine(folder, "workload.yaml"), $$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: {{name}}, namespace: default}
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: {{name}}
              template:
                metadata:
                  labels:
                    app: {{name}}
                spec:
                  containers: [{name: web, image: "busybox:1.36"}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: {{name}}, namespace: default}
            spec:
              selector:
                app: {{name}}
              ports: [{port: 80}]
            """);
        File.WriteAllText(Path.Combine(folder, "config.yaml"),
            string.Join("\n---\n", Enumerable.Range(0, 8).Select(i => ChartFixtures.ConfigMap($"{name}-config-{i}", value))));
    }
}
