using GitOrch.Store;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>Releases, rollback and the pin, with the server syncing a real repository into NATS.</summary>
public sealed class ReleaseHistoryTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    [Fact]
    public async Task FourCommitsThenRollbackTo2_StoreEqualsRelease2_AndAutoSyncStaysPinnedUntilANewCommit()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        string[] store = ["--store", nats.Url];
        await using var storeClient = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        var probe = new ReleaseProbe(storeClient);
        _repo.Commit("add",
        [
            .. ChartFixtures.Files("charts/web"),
            ("shop.yaml", ChartFixtures.Release("shop", "charts/web", values: "{greeting: hello}")),
            ("a.yaml", ChartFixtures.ConfigMap("a", "red")),
            ("b.yaml", ChartFixtures.ConfigMap("b", "red")),
        ]);

        await using var server = GitorchProcess.Start(_home.FullName, ["server", "--repo", _repo.Path, "--interval", "00:00:00.3", "--listen", "off", .. store]);
        try
        {
            await WaitForReleaseAsync(probe, 1);
            _repo.Commit("change a chart value", ("shop.yaml", ChartFixtures.Release("shop", "charts/web", values: "{greeting: bye}")));
            await WaitForReleaseAsync(probe, 2);
            _repo.Commit("delete b", ("b.yaml", null));
            await WaitForReleaseAsync(probe, 3);
            Directory.CreateDirectory(Path.Combine(_repo.Path, "moved"));
            _repo.Git("mv", "a.yaml", "moved/a.yaml");
            _repo.Commit("rename a");
            await WaitForReleaseAsync(probe, 4);

            var rollback = await GitorchProcess.RunAsync(_home.FullName, ["rollback", "2", .. store]);
            Assert.True(rollback.ExitCode == 0, rollback.Error);

            Assert.Null(await probe.DifferenceFromReleaseAsync(2));
            Assert.Contains("configmaps.default.b", (await probe.ManagedObjectsAsync()).Keys);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(5, (await probe.LatestAsync())!.Number);
            Assert.Null(await probe.DifferenceFromReleaseAsync(2));
            var status = await GitorchProcess.RunAsync(_home.FullName, ["status", .. store]);
            Assert.Contains("pinned at release 2, Git HEAD at", status.Output);

            var newCommit = _repo.Commit("new work", ("c.yaml", ChartFixtures.ConfigMap("c", "blue")));
            var resumed = await WaitForReleaseAsync(probe, 6);
            Assert.Equal(newCommit, resumed.Commit);
            Assert.Equal(["chartreleases.apps.shop", "configmaps.apps.shop-a", "configmaps.apps.shop-b", "configmaps.default.a", "configmaps.default.c"],
                (await probe.ManagedObjectsAsync()).Keys.Order(StringComparer.Ordinal));
            var history = await GitorchProcess.RunAsync(_home.FullName, ["history", .. store]);
            Assert.Contains("rollback to release 2", history.Output);
        }
        finally
        {
            log.WriteLine(server.Output);
        }
    }

    private static Task<GitOrch.Engine.Releases.Release> WaitForReleaseAsync(ReleaseProbe probe, int number) =>
        Eventually.WaitAsync(probe.LatestAsync, release => release?.Number >= number, Timeout, $"release {number}")!;

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
