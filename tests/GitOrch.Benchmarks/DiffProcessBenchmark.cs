using System.Diagnostics;
using GitOrch.TestSupport;
using static GitOrch.Benchmarks.AgentBenchmark;
using static GitOrch.Benchmarks.CliBenchmark;

namespace GitOrch.Benchmarks;

/// <summary>
/// <c>gitorch diff</c> as a user runs it, a new process each time, in a 5,000-manifest repository after
/// a one-file commit, on the embedded store: against <c>gitorch version</c> (the CLI's start-up) and
/// <c>git diff-tree</c> (the floor).
/// </summary>
public static class DiffProcessBenchmark
{
    private const int Files = 5000;
    private const int Runs = 5;

    public static async Task RunAsync()
    {
        Console.WriteLine("diff as a process, 5,000 manifests, one file changed");
        using var repo = new GitRepository();
        BenchmarkManifests.WriteConfigMaps(repo, Enumerable.Range(0, Files), "v0");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "5000 manifests");
        var gitorch = Path.Combine(AppContext.BaseDirectory, "gitorch.dll");
        var store = Path.Combine(repo.Path, ".git", "bench-store.db");
        await TimeProcessAsync(["dotnet", gitorch, "apply", "--repo", repo.Path, "--store", store], repo.Path, runs: 1);
        var applied = repo.Git("rev-parse", "HEAD").Trim();
        BenchmarkManifests.WriteConfigMaps(repo, [42], "v1");
        repo.Git("commit", "-q", "-a", "-m", "one file");

        var floor = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            repo.Git("diff-tree", "-r", applied, "HEAD");
            floor.Add(clock.Elapsed.TotalMilliseconds);
        }
        var version = await TimeProcessAsync(["dotnet", gitorch, "version"], repo.Path, Runs);
        var diff = await TimeProcessAsync(["dotnet", gitorch, "diff", "--repo", repo.Path, "--store", store], repo.Path, Runs, expectedExitCode: 1);
        var (floorMs, versionMs, diffMs) = (Percentile(floor, 50), Percentile(version, 50), Percentile(diff, 50));
        Console.WriteLine($"  git diff-tree -r:  p50 {floorMs,6:F0} ms (floor)");
        Console.WriteLine($"  gitorch version:   p50 {versionMs,6:F0} ms (start-up)");
        Console.WriteLine($"  gitorch diff:      p50 {diffMs,6:F0} ms = start-up + {diffMs - versionMs:F0} ms, {diffMs / floorMs:F0}x the floor " +
                          $"(runs {string.Join(", ", diff.Select(t => t.ToString("F0")))})");
    }
}
