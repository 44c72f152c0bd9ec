using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// A git-managed object edited in the store: status and diff --live list it, and self-heal restores it.
/// An object written straight into the store: status and get -o wide mark it an orphan, and --prune-orphans deletes it.
/// </summary>
public sealed class DriftTests(ITestOutputHelper log) : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    [Fact]
    public async Task HandEditedSpec_IsListedByStatusAndDiffLive()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        _repo.Commit("one", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        var apply = await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", nats.Url);
        Assert.True(apply.ExitCode == 0, apply.Error);

        await EditColorAsync(new ObjectClient(store), "green");
        var status = await GitorchProcess.RunAsync(_home.FullName, "status", "--store", nats.Url);
        var diff = await GitorchProcess.RunAsync(_home.FullName, "diff", "--live", "--store", nats.Url);

        Assert.Contains("Drift:    1 object(s) differ from the release:", status.Output);
        Assert.Contains("update configmap/default/a", status.Output);
        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("-  color: green", diff.Output);
        Assert.Contains("+  color: red", diff.Output);
    }

    [Fact]
    public async Task SelfHeal_RestoresAHandEditedSpec_AndRecordsAnEvent()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        var client = new ObjectClient(store);
        _repo.Commit("one", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        await using var server = GitorchProcess.Start(_home.FullName,
            "server", "--repo", _repo.Path, "--interval", "00:00:00.3", "--self-heal", "--listen", "off", "--store", nats.Url);
        try
        {
            await Eventually.WaitAsync(() => ColorAsync(client), color => color == "red", TimeSpan.FromSeconds(60), "the first sync");

            await EditColorAsync(client, "green");

            await Eventually.WaitAsync(() => ColorAsync(client), color => color == "red", TimeSpan.FromSeconds(30), "self-heal");
            await Eventually.WaitAsync(() => client.ListAsync<Event>("default"),
                events => events.Any(recorded => recorded.Reason == "DriftHealed" && recorded.InvolvedObject.Name == "a"), TimeSpan.FromSeconds(30), "a DriftHealed event");
        }
        finally
        {
            log.WriteLine(server.Output);
        }
    }

    private static ConfigMap Injected(string name) => new()
    {
        ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Data = new Dictionary<string, string> { ["color"] = "black" },
    };

    [Fact]
    public async Task AnObjectWrittenStraightIntoTheStore_IsAnOrphanInStatusAndGetWide()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        _repo.Commit("one", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        var apply = await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", nats.Url);
        Assert.True(apply.ExitCode == 0, apply.Error);

        await new ObjectClient(store).CreateAsync(Injected("injected"));
        var status = await GitorchProcess.RunAsync(_home.FullName, "status", "--store", nats.Url);
        var get = await GitorchProcess.RunAsync(_home.FullName, "get", "configmaps", "-o", "wide", "--store", nats.Url);

        Assert.Contains("Drift:    none", status.Output);
        Assert.Contains("Orphans:  1 object(s) no commit declares and nothing owns:\n  ConfigMap default/injected\n", status.Output.ReplaceLineEndings("\n"));
        Assert.Matches(@"(?m)^a\s+1\s+\S+\s+git:a\.yaml\s*$", get.Output);
        Assert.Matches(@"(?m)^injected\s+1\s+\S+\s+<orphan>\s*$", get.Output);
    }

    [Fact]
    public async Task PruneOrphans_DeletesAnObjectWrittenStraightIntoTheStore_AndKeepsWhatTheControllersMade()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await StoreLocator.OpenAsync(nats.Url, CancellationToken.None);
        var client = new ObjectClient(store);
        _repo.Commit("one", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        await using var server = GitorchProcess.Start(_home.FullName,
            "server", "--repo", _repo.Path, "--interval", "00:00:00.3", "--prune-orphans", "--listen", "off", "--store", nats.Url);
        try
        {
            await Eventually.WaitAsync(() => ColorAsync(client), color => color == "red", TimeSpan.FromSeconds(60), "the first sync");
            await Eventually.WaitAsync(() => client.GetAsync<ServiceAccount>("default", "default"), account => account is not null, TimeSpan.FromSeconds(60), "the default service account");

            await client.CreateAsync(Injected("injected"));

            await Eventually.WaitAsync(() => client.GetAsync<ConfigMap>("default", "injected"), found => found is null, TimeSpan.FromSeconds(30), "the orphan to be pruned");
            await Eventually.WaitAsync(() => client.ListAsync<Event>("default"),
                events => events.Any(recorded => recorded.Reason == "OrphanPruned" && recorded.InvolvedObject.Name == "injected"), TimeSpan.FromSeconds(30), "an OrphanPruned event");
            Assert.NotNull(await client.GetAsync<ServiceAccount>("default", "default"));
            Assert.NotNull(await client.GetAsync<ConfigMap>("default", "a"));
            var status = await GitorchProcess.RunAsync(_home.FullName, "status", "--store", nats.Url);
            Assert.Contains("Orphans:  none", status.Output);
        }
        finally
        {
            log.WriteLine(server.Output);
        }
    }

    private static async Task EditColorAsync(ObjectClient client, string color)
    {
        var live = (await client.GetAsync<ConfigMap>("default", "a"))!;
        await client.UpdateAsync(live with { Data = new Dictionary<string, string> { ["color"] = color } });
    }

    private static async Task<string?> ColorAsync(ObjectClient client) =>
        (await client.GetAsync<ConfigMap>("default", "a"))?.Data?["color"];

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
