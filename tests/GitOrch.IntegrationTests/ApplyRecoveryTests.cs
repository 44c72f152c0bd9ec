using System.Text;
using GitOrch.Api.Model;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.Engine.Releases;
using GitOrch.Store;
using GitOrch.TestSupport;
using Xunit.Abstractions;
using GitOrch.Engine.Sync;

namespace GitOrch.IntegrationTests;

/// <summary>The journal: an apply killed half-way converges on restart, and of two concurrent applies one wins.</summary>
public sealed class ApplyRecoveryTests(ITestOutputHelper log) : IDisposable
{
    private const int ObjectCount = 500;
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    /// <summary>Fifty files of ten ConfigMaps each.</summary>
    private static (string, string?)[] ManyConfigMaps(string color) =>
        Enumerable.Range(0, ObjectCount / 10).Select(file =>
        {
            var text = new StringBuilder();
            for (var i = 0; i < 10; i++)
                text.Append(ChartFixtures.ConfigMap($"cm-{file:D3}-{i}", color)).Append("\n---\n");
            return ($"configs/file-{file:D3}.yaml", (string?)text.ToString());
        }).ToArray();

    [Fact]
    public async Task ApplyKilledMidway_IsFinishedByTheNextApply_ToExactlyTheCommitsObjects()
    {
        const int writtenBeforeKill = ObjectCount / 5;
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        var probe = new ReleaseProbe(store);
        _repo.Commit("five hundred objects", ManyConfigMaps("red"));

        // The apply kills itself, as SIGKILL would, right after this many object writes.
        var fault = new Dictionary<string, string> { ["GITORCH_FAULT_KILL_AFTER_WRITES"] = $"{writtenBeforeKill}" };
        await using (var apply = GitorchProcess.Start(_home.FullName, fault, "apply", "--repo", _repo.Path, "--store", nats.Url))
        {
            var exitCode = await apply.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.True(exitCode != 0, $"the apply was to be killed after {writtenBeforeKill} writes, but it finished: {apply.Output}");
        }

        Assert.Equal(writtenBeforeKill, (await probe.ManagedObjectsAsync()).Count);
        Assert.NotNull(await new ApplyJournal(store).ReadAsync(CancellationToken.None));
        Assert.Null(await probe.LatestAsync());

        var restart = await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", nats.Url);

        Assert.True(restart.ExitCode == 0, restart.Error);
        Assert.Contains("finished release 1", restart.Output);
        Assert.Equal(1, (await probe.LatestAsync())!.Number);
        Assert.Null(await probe.DifferenceFromReleaseAsync(1));
        Assert.Equal(ObjectCount, (await probe.ManagedObjectsAsync()).Count);
        Assert.Null(await new ApplyJournal(store).ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TwoConcurrentApplies_ExactlyOneWins_AndTheStoreHoldsTheWinnersObjects()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        var red = _repo.Commit("red", ManyConfigMaps("red"));
        var blue = _repo.Commit("blue", ManyConfigMaps("blue"));
        var source = ManifestRepository.Open(_repo.Path);

        var attempts = new[] { red, blue }.Select(commit => Task.Run(async () =>
        {
            var target = ApplyTarget.ForSync(new DesiredStateLoader(source).Load(commit), null, source.Source);
            return await new Applier(new ObjectClient(store)).ApplyAsync(target, new ApplyOptions());
        })).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async attempt =>
        {
            try { return (Result: (ApplyResult?)await attempt, Error: (Exception?)null); }
            catch (ConflictException e) { return (Result: (ApplyResult?)null, Error: (Exception?)e); }
        }));

        var winner = Assert.Single(outcomes, outcome => outcome.Error is null).Result!;
        Assert.Single(outcomes, outcome => outcome.Error is ConflictException);
        var probe = new ReleaseProbe(store);
        Assert.Equal(winner.Commit.Sha, (await probe.LatestAsync())!.Commit);
        Assert.Null(await probe.DifferenceFromReleaseAsync(1));
        var colors = (await probe.ManagedObjectsAsync()).Values.Select(obj => ((ConfigMap)obj).Data!["color"]).Distinct();
        Assert.Equal([winner.Commit.Sha == red ? "red" : "blue"], colors);
    }

    /// <summary>
    /// Rounds of applies that start together, several in this process (as a server's sync and a rollback
    /// would) and several as CLI processes: whoever wins, the store always holds exactly the latest
    /// release's objects, never a mix of two commits, and every loser says why.
    /// </summary>
    [Fact]
    public async Task ConcurrentApplies_InOneProcessAndAcrossProcesses_NeverMixTwoCommits()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        var probe = new ReleaseProbe(store);
        var colors = new[] { "red", "blue", "green", "white", "black" };
        var commits = colors.Select(color => (Color: color, Sha: _repo.Commit(color, ManyConfigMaps(color)))).ToList();
        var source = ManifestRepository.Open(_repo.Path);

        for (var round = 0; round < 5; round++)
        {
            var rotated = commits.Skip(round).Concat(commits.Take(round)).ToList();
            var inProcess = rotated.Select(commit => Task.Run(async () =>
            {
                var target = ApplyTarget.ForSync(new DesiredStateLoader(source).Load(commit.Sha), null, source.Source);
                try
                {
                    await new Applier(new ObjectClient(store)).ApplyAsync(target, new ApplyOptions());
                    return "applied";
                }
                catch (ConflictException e)
                {
                    return e.Message;
                }
            })).ToList();
            var processes = rotated.Take(2).Select(commit =>
                GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--rev", commit.Sha, "--store", nats.Url)).ToList();
            var outcomes = await Task.WhenAll(inProcess);
            var cli = await Task.WhenAll(processes);

            var latest = (await probe.LatestAsync())!;
            log.WriteLine($"round {round}: release {latest.Number}; in-process: {string.Join(" | ", outcomes)}; cli exit codes: {string.Join(",", cli.Select(c => c.ExitCode))}");
            Assert.Null(await probe.DifferenceFromReleaseAsync(latest.Number));
            var live = (await probe.ManagedObjectsAsync()).Values.Select(obj => ((ConfigMap)obj).Data!["color"]).Distinct();
            Assert.Equal([commits.Single(c => c.Sha == latest.Commit).Color], live);
            Assert.All(cli, result => Assert.True(result.ExitCode == 0 || result.Error.Contains("another apply"), result.Error));
            Assert.Null(await new ApplyJournal(store).ReadAsync(CancellationToken.None));
        }
    }

    /// <summary>
    /// Returns as soon as an apply's journal is created. A watch, begun before the apply starts, sees the
    /// create however briefly the journal lives; polling could miss a fast apply altogether.
    /// </summary>
    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
