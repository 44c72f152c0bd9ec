using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>A git-managed object edited in the store: status and diff --live list it, and self-heal restores it.</summary>
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
