using GitOrch.Api.Model;
using GitOrch.Engine.Git;
using GitOrch.Engine.Sync;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>Each Service the sync writes gets a cluster IP no other Service holds, on the embedded store.</summary>
public sealed class ClusterIPAllocationTests : IAsyncLifetime
{
    private readonly GitRepository _repo = new();
    private readonly TemporaryStoreFile _storeFile = new();
    private IObjectStore _store = null!;
    private ObjectClient _client = null!;

    public async Task InitializeAsync()
    {
        _store = await StoreLocator.OpenAsync(_storeFile.Path);
        _client = new ObjectClient(_store);
    }

    private static string ServiceYaml(string name, string? clusterIP = null, int port = 80) =>
        $"apiVersion: v1\nkind: Service\nmetadata: {{name: {name}}}\nspec:\n  selector: {{app: {name}}}\n  ports: [{{port: {port}}}]\n" +
        (clusterIP is null ? "" : $"  clusterIP: {clusterIP}\n");

    private Task<ApplyResult> ApplyAsync() => new GitOps(_store, ManifestRepository.Open(_repo.Path)).ApplyAsync("HEAD", new ApplyOptions(), CancellationToken.None);

    private async Task<string?> ClusterIPAsync(string name) => (await _client.GetAsync<Service>("default", name))?.Spec.ClusterIP;

    /// <summary>Two names whose addresses derived from the name are the same, found by trying names in order.</summary>
    private static (string, string) NamesThatCollide()
    {
        var seen = new Dictionary<string, string>();
        for (var i = 0; ; i++)
        {
            var name = $"svc-{i}";
            var derived = ServiceAddresses.CandidateClusterIPs(new Service { Metadata = new ObjectMeta { Name = name, Namespace = "default" } }).First();
            if (seen.TryGetValue(derived, out var first)) return (first, name);
            seen[derived] = name;
        }
    }

    [Fact]
    public async Task FiveHundredServices_GetFiveHundredDistinctAddresses_AndADeletedOnesAddressIsTakenAgain()
    {
        var names = Enumerable.Range(0, 500).Select(i => $"svc-{i}").ToList();
        _repo.Commit("many", [.. names.Select(name => ($"{name}.yaml", (string?)ServiceYaml(name)))]);
        await ApplyAsync();
        var addresses = new List<string>();
        foreach (var name in names) addresses.Add((await ClusterIPAsync(name))!);
        Assert.Equal(500, addresses.Distinct().Count());
        Assert.DoesNotContain(ServiceAddresses.ClusterDns, addresses);

        _repo.Commit("free one", ("svc-7.yaml", null));
        await ApplyAsync();
        _repo.Commit("take it", ("claimer.yaml", ServiceYaml("claimer", addresses[7])));
        await ApplyAsync();
        Assert.Equal(addresses[7], await ClusterIPAsync("claimer"));
    }

    [Fact]
    public async Task ServicesWhoseDerivedAddressesCollide_GetDifferentClusterIPs_ThatLaterSyncsKeep()
    {
        var (first, second) = NamesThatCollide();
        _repo.Commit("two", ($"{first}.yaml", ServiceYaml(first)), ($"{second}.yaml", ServiceYaml(second)));

        await ApplyAsync();
        var (a, b) = (await ClusterIPAsync(first), await ClusterIPAsync(second));
        _repo.Commit("new port", ($"{second}.yaml", ServiceYaml(second, port: 8080)));
        var changed = await ApplyAsync();
        var again = await ApplyAsync();

        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.NotEqual(a, b);
        Assert.Equal(["update service/default/" + second], changed.Changes.Select(change => change.Describe()));
        Assert.Empty(again.Changes);
        Assert.Equal(b, await ClusterIPAsync(second));
    }

    [Fact]
    public async Task ANamedClusterIPThatAnotherServiceHolds_IsRefused_AndNothingIsApplied()
    {
        _repo.Commit("one", ("web.yaml", ServiceYaml("web")));
        await ApplyAsync();
        var held = (await ClusterIPAsync("web"))!;
        _repo.Commit("clash", ("api.yaml", ServiceYaml("api", held)), ("config.yaml", ChartFixtures.ConfigMap("config", "red")));

        var error = await Assert.ThrowsAsync<PlanRefusedException>(ApplyAsync);

        Assert.Contains($"Service default/api: clusterIP {held} is taken by Service default/web", error.Message);
        Assert.Null(await _client.GetAsync<ConfigMap>("default", "config"));
        Assert.Null(await _client.GetAsync<Service>("default", "api"));
    }

    [Fact]
    public async Task ADeletedServicesAddress_IsFree_ForAServiceThatNamesIt()
    {
        _repo.Commit("one", ("web.yaml", ServiceYaml("web")));
        await ApplyAsync();
        var held = (await ClusterIPAsync("web"))!;
        _repo.Commit("replace", ("web.yaml", null), ("api.yaml", ServiceYaml("api", held)));

        await ApplyAsync();

        Assert.Equal(held, await ClusterIPAsync("api"));
        Assert.Null(await _client.GetAsync<Service>("default", "web"));
    }

    [Fact]
    public async Task TwoServicesNamingOneAddress_AreRefused()
    {
        _repo.Commit("two", ("a.yaml", ServiceYaml("a", "10.96.7.7")), ("b.yaml", ServiceYaml("b", "10.96.7.7")));

        var error = await Assert.ThrowsAsync<PlanRefusedException>(ApplyAsync);

        Assert.Contains("Service default/a and Service default/b both declare clusterIP 10.96.7.7", error.Message);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _repo.Dispose();
        _storeFile.Dispose();
    }
}
