using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests;

/// <summary>A store follows one repository: another is refused, with nothing pruned, until <c>--replace</c> switches it.</summary>
public sealed class SecondRepositoryTests : IDisposable
{
    private readonly GitRepository _first = new();
    private readonly GitRepository _second = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    [Fact]
    public async Task ASecondRepository_IsRefusedByApplyAndServer_UntilReplace_ThenHistoryNamesBothSources()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        string[] store = ["--store", nats.Url];
        await using var storeClient = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        var probe = new ReleaseProbe(storeClient);
        _first.Commit("first app", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        _second.Commit("second app", ("b.yaml", ChartFixtures.ConfigMap("b", "blue")));

        var applied = await GitorchProcess.RunAsync(_home.FullName, ["apply", "--repo", _first.Path, .. store]);
        Assert.True(applied.ExitCode == 0, applied.Error);

        string[][] verbs = [["apply", "--repo", _second.Path], ["server", "--repo", _second.Path, "--listen", "off"]];
        foreach (var verb in verbs)
        {
            var refused = await GitorchProcess.RunAsync(_home.FullName, [.. verb, .. store]);
            Assert.Equal(1, refused.ExitCode);
            var line = Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"holds the releases of {_first.Path}", line);
            Assert.Contains("--replace", line);
            Assert.Equal(["configmaps.default.a"], (await probe.ManagedObjectsAsync()).Keys);
        }

        var replaced = await GitorchProcess.RunAsync(_home.FullName, ["apply", "--repo", _second.Path, "--replace", .. store]);
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Equal(["configmaps.default.b"], (await probe.ManagedObjectsAsync()).Keys);
        var again = await GitorchProcess.RunAsync(_home.FullName, ["apply", .. store]);
        Assert.True(again.ExitCode == 0, again.Error);

        var history = await GitorchProcess.RunAsync(_home.FullName, ["history", .. store]);
        var lines = history.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("SOURCE", lines[0]);
        Assert.Contains(_first.Path, lines[1]);
        Assert.Contains(_second.Path, lines[2]);
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        _home.Delete(recursive: true);
    }
}
