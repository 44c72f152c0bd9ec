using System.Diagnostics;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.Store;
using GitOrch.TestSupport;
using LibGit2Sharp;
using GitOrch.Engine.Sync;

namespace GitOrch.Benchmarks;

/// <summary>
/// The time to plan a commit in a 5,000-manifest repository, against the floor of <c>git diff-tree -r</c>
/// plus parsing only the changed files, for commits touching 1, 50 and 5,000 files.
/// </summary>
public static class PlanBenchmark
{
    private const int Files = 5000;
    private const int Rounds = 5;
    private static readonly int[] Touched = [1, 50, 5000];

    public static async Task RunAsync()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        using var repo = new GitRepository();
        BenchmarkManifests.WriteConfigMaps(repo, Enumerable.Range(0, Files), "v0");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "5000 manifests");

        var client = new ObjectClient(store);
        var applier = new Applier(client);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var loader = new DesiredStateLoader(ManifestRepository.Open(repo.Path));
        var initial = loader.Load();
        var loaded = GC.GetTotalMemory(forceFullCollection: true) - before;
        await applier.ApplyAsync(ApplyTarget.ForSync(initial, null, repo.Path), new ApplyOptions());
        Console.WriteLine($"memory held by the loader with {initial.Objects.Count} objects loaded: {loaded / 1024.0 / 1024.0:F1} MiB " +
                          $"(process working set {Environment.WorkingSet / 1024.0 / 1024.0:F0} MiB)");

        var version = 0;
        foreach (var count in Touched)
        {
            var planTimes = new List<double>();
            var floorTimes = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                var previousCommit = repo.Git("rev-parse", "HEAD").Trim();
                BenchmarkManifests.WriteConfigMaps(repo, Enumerable.Range(0, count).Select(i => (i * 97 + round) % Files), $"v{++version}");
                repo.Git("commit", "-q", "-a", "-m", $"touch {count}");
                var commit = repo.Git("rev-parse", "HEAD").Trim();

                floorTimes.Add(Floor(repo, previousCommit, commit));
                var previous = loader.Last;
                var stopwatch = Stopwatch.StartNew();
                var target = ApplyTarget.ForSync(loader.Load(commit), previous, repo.Path);
                var plan = await applier.ApplyAsync(target, new ApplyOptions(DryRun: true));
                planTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
                if (plan.Changes.Count != count) throw new InvalidOperationException($"planned {plan.Changes.Count} changes for {count} touched files");
                await applier.ApplyAsync(target, new ApplyOptions());
            }
            var planMedian = Median(planTimes);
            var floorMedian = Median(floorTimes);
            Console.WriteLine($"{count,5} file(s): plan {planMedian,8:F1} ms  floor {floorMedian,8:F1} ms  ratio {planMedian / floorMedian:F2}x  " +
                              $"(plan runs {string.Join(", ", planTimes.Select(t => t.ToString("F1")))}; floor runs {string.Join(", ", floorTimes.Select(t => t.ToString("F1")))})");
        }
    }

    /// <summary><c>git diff-tree -r</c> between the commits, then reading and parsing only the files it names.</summary>
    internal static double Floor(GitRepository repo, string from, string to)
    {
        var stopwatch = Stopwatch.StartNew();
        var changed = repo.Git("diff-tree", "-r", from, to).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var repository = new Repository(repo.Path);
        foreach (var line in changed)
        {
            var fields = line.Split(['\t', ' ']);
            ManifestLoader.Load(fields[5], repository.Lookup<Blob>(fields[3]).GetContentText());
        }
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
