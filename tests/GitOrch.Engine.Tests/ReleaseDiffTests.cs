using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Releases;
using GitOrch.Engine.Sync;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>
/// Diff and drift start from the latest release and read only the files changed since its commit and
/// the objects that moved since it; what they report must be exactly what a full comparison reports.
/// They run on the embedded store.
/// </summary>
public sealed class ReleaseDiffTests : IAsyncLifetime
{
    private readonly GitRepository _repo = new();
    private readonly TemporaryStoreFile _storeFile = new();
    private InstrumentedStore _store = null!;
    private ObjectClient _client = null!;

    public async Task InitializeAsync()
    {
        _store = new InstrumentedStore(await StoreLocator.OpenAsync(_storeFile.Path));
        _client = new ObjectClient(_store);
    }

    private GitOps GitOps() => new(_store, ManifestRepository.Open(_repo.Path));

    [Fact]
    public async Task Diff_ReportsCommitChangesAndHandEdits_ExactlyAsAFullComparison_ReadingOnlyWhatMoved()
    {
        _repo.Commit("four", [.. "abcd".Select(name => ($"{name}.yaml", (string?)ChartFixtures.ConfigMap(name.ToString(), "red")))]);
        await GitOps().ApplyAsync("HEAD", new ApplyOptions(), CancellationToken.None);
        for (var i = 0; i < 20; i++)
            _repo.Commit($"unrelated {i}", ($"more/m{i}.yaml", ChartFixtures.ConfigMap($"m{i}", "red")));
        await GitOps().ApplyAsync("HEAD", new ApplyOptions(), CancellationToken.None);

        await SetColorAsync("d", "green");
        await _client.DeleteAsync((await _client.GetAsync<ConfigMap>("default", "c"))!);
        await _client.CreateAsync(ConfigMapNamed("e", managedByGit: true));
        await _client.CreateAsync(ConfigMapNamed("f", managedByGit: false));
        _repo.Commit("change a, drop b, add g", ("a.yaml", ChartFixtures.ConfigMap("a", "blue")), ("b.yaml", null),
            ("g.yaml", ChartFixtures.ConfigMap("g", "red")));

        var readBefore = _store.ObjectsRead;
        var diff = await GitOps().DiffAsync("HEAD", CancellationToken.None);
        var read = _store.ObjectsRead - readBefore;

        Assert.Equal(await FullComparisonAsync(), diff.Select(change => change.Describe()));
        Assert.Equal(["update configmap/default/a", "create configmap/default/c", "update configmap/default/d", "create configmap/default/g",
            "delete configmap/default/b", "delete configmap/default/e"], diff.Select(change => change.Describe()));
        Assert.True(read <= 6, $"the diff read {read} objects; only a, b, c, d, e, f and g moved or changed, and c and g do not exist");
    }

    [Fact]
    public async Task Diff_OfAFileThatRedeclaresAnUnchangedObject_NamesBothFiles()
    {
        _repo.Commit("one", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        await GitOps().ApplyAsync("HEAD", new ApplyOptions(), CancellationToken.None);
        _repo.Commit("copy", ("copy.yaml", ChartFixtures.ConfigMap("a", "blue")));

        var error = await Assert.ThrowsAsync<ManifestException>(() => GitOps().DiffAsync("HEAD", CancellationToken.None));

        Assert.Contains("a.yaml:1", error.Message);
        Assert.Contains("copy.yaml", error.Message);
    }

    [Fact]
    public async Task Diff_OfAnEditedChartValue_RendersTheChartAsAFullLoadDoes()
    {
        _repo.Commit("chart", [("release.yaml", ChartFixtures.Release("web", "charts/web")), .. ChartFixtures.Files("charts/web")]);
        await GitOps().ApplyAsync("HEAD", new ApplyOptions(), CancellationToken.None);
        _repo.Commit("greet", ("charts/web/values.yaml", "greeting: hi\nitems: [a, b]\n"));

        var diff = await GitOps().DiffAsync("HEAD", CancellationToken.None);

        Assert.Equal(await FullComparisonAsync(), diff.Select(change => change.Describe()));
        Assert.Equal(["update configmap/apps/web-a", "update configmap/apps/web-b"], diff.Select(change => change.Describe()));
    }

    [Fact]
    public async Task Drift_AfterIncrementalSyncs_SeesAHandEditOfAnObjectTheyDidNotTouch()
    {
        _repo.Commit("two", ("a.yaml", ChartFixtures.ConfigMap("a", "red")), ("b.yaml", ChartFixtures.ConfigMap("b", "red")));
        var sync = GitOps();
        await sync.ApplyNextAsync(_repo.Git("rev-parse", "HEAD").Trim(), CancellationToken.None);
        var second = _repo.Commit("b blue", ("b.yaml", ChartFixtures.ConfigMap("b", "blue")));
        await sync.ApplyNextAsync(second, CancellationToken.None);
        Assert.Empty(await sync.DriftAsync(CancellationToken.None));

        await SetColorAsync("a", "green");
        var drift = await sync.DriftAsync(CancellationToken.None);

        Assert.Equal(["update configmap/default/a"], drift.Select(change => change.Describe()));
        var releases = new ReleaseStore(_store);
        var latest = (await releases.LatestAsync(CancellationToken.None)).Release!;
        Assert.Equal(2, latest.Number);
        Assert.NotNull((await releases.GetObjectIndexAsync(latest.Number, CancellationToken.None)).Verified);
    }

    private async Task<IEnumerable<string>> FullComparisonAsync()
    {
        var desired = new DesiredStateLoader(ManifestRepository.Open(_repo.Path)).Load("HEAD");
        var live = await LiveObjects.ReadAsync(_client, null, CancellationToken.None);
        return Planner.Plan(desired.Commit.Sha, desired.ObjectsByKey(), live).Select(change => change.Describe());
    }

    private async Task SetColorAsync(string name, string color)
    {
        var live = (await _client.GetAsync<ConfigMap>("default", name))!;
        await _client.UpdateAsync(live with { Data = new Dictionary<string, string> { ["color"] = color } });
    }

    private static ConfigMap ConfigMapNamed(string name, bool managedByGit) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = "default",
            Annotations = managedByGit ? new Dictionary<string, string> { [WellKnown.ManagedBy] = WellKnown.ManagedByGit } : null,
        },
        Data = new Dictionary<string, string> { ["color"] = "red" },
    };

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _repo.Dispose();
        _storeFile.Dispose();
    }
}
