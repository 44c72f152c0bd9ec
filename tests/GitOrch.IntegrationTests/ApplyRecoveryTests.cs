using System.Text;
using GitOrch.Api.Model;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Releases;
using GitOrch.Store;
using GitOrch.TestSupport;
using Xunit.Abstractions;

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
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        var probe = new ReleaseProbe(store);
        _repo.Commit("five hundred objects", ManyConfigMaps("red"));

        var apply = GitorchProcess.Start(_home.FullName, "apply", "--repo", _repo.Path, "--store", nats.Url);
        try
        {
            await WaitForJournalAsync(store);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the apply printed: {apply.Output}");
        }
        await apply.KillAsync();
        await apply.DisposeAsync();
        var writtenBeforeKill = (await probe.ManagedObjectsAsync()).Count;
        log.WriteLine($"{writtenBeforeKill} of {ObjectCount} objects were written when the apply was killed");

        Assert.NotNull(await new ApplyJournal(store).ReadAsync(CancellationToken.None));
        Assert.Null(await probe.LatestAsync());

        var restart = await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", nats.Url);

        Assert.True(restart.ExitCode == 0, restart.Error);
        Assert.Contains("finished release 1", restart.Output);
        Assert.Equal(1, (await probe.LatestAsync())!.Number);
        Assert.Null(await probe.DifferenceFromReleaseAsync(1));
        Assert.Equal(ObjectCount, (await probe.ManagedObjectsAsync()).Count);
        Assert.Null(await new ApplyJournal(store).ReadAsync(CancellationToken.None));
        Assert.InRange(writtenBeforeKill, 0, ObjectCount);
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
            var target = ApplyTarget.ForSync(new DesiredStateLoader(source).Load(commit), null);
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

    private static Task WaitForJournalAsync(IObjectStore store) =>
        PollAsync(async () => await store.GetAsync(Buckets.Meta, ApplyJournal.Key) is not null, TimeSpan.FromSeconds(60), "the apply's journal");

    /// <summary>Polls fast: the journal exists only while the objects are written.</summary>
    private static async Task PollAsync(Func<Task<bool>> check, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await check())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(2);
        }
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
