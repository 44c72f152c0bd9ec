using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// <c>gitorch rollout status</c> run right after a commit, before the sync has applied it, through the
/// real executable against a real <c>up</c> running pods as host processes.
/// </summary>
[Collection("end-to-end")]
public sealed class RolloutStatusTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    [Fact]
    public async Task RightAfterACommit_WaitsForTheSyncOfThatCommit_AndSucceedsOnlyOnceItsPodsRun()
    {
        var (before, after) = (Random.Shared.Next(100_000, 499_999), Random.Shared.Next(500_000, 999_999));
        var store = new[] { "--store", Path.Combine(_home.FullName, "store.db") };
        _repo.Commit("two replicas", ("sleep.yaml", Manifests.SleepDeployment("sleeper", 2, before)));
        // An hour between syncs: the commit below is applied only by the sync this test runs.
        await using var up = GitorchProcess.Start(_home.FullName, ["up", "--repo", _repo.Path, "--runtime", "process", "--pod-network", "none", "--interval", "1h", .. store]);
        await using var status = await StartStatusAfterACommitAsync(store, before, after);
        try
        {
            var head = _repo.Git("rev-parse", "HEAD").Trim()[..8];
            await Eventually.WaitAsync(() => Task.FromResult(status.Output), output => output.Contains($"Waiting for commit {head} to be synced..."), StepTimeout, "the wait for the sync");
            Assert.DoesNotContain("successfully rolled out", status.Output);

            var sync = await GitorchProcess.RunAsync(_home.FullName, ["sync", .. store]);
            Assert.True(sync.ExitCode == 0, sync.Error);

            Assert.Equal(0, await status.WaitForExitAsync(StepTimeout));
            Assert.Contains("deployment \"sleeper\" successfully rolled out", status.Output);
            Assert.Equal(2, HostProbe.ProcessesWithCommandLine($"sleep {after}"));
        }
        finally
        {
            log.WriteLine("up:\n" + up.Output);
            log.WriteLine("rollout status:\n" + status.Output);
        }
    }

    /// <summary>Waits for the first commit's pods, commits a new template, and starts <c>rollout status</c> at once.</summary>
    private async Task<GitorchProcess> StartStatusAfterACommitAsync(string[] store, int before, int after)
    {
        await Eventually.WaitAsync(() => PodListing.GetAsync(_home.FullName, store), pods => PodListing.AllRunning(pods, 2), StepTimeout, "2 running pods");
        _repo.Commit("new arguments", ("sleep.yaml", Manifests.SleepDeployment("sleeper", 2, after)));
        return GitorchProcess.Start(_home.FullName, ["rollout", "status", "deployment/sleeper", .. store]);
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
