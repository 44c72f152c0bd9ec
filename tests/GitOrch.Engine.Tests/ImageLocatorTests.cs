using GitOrch.Api.Model;
using GitOrch.Engine.Git;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>Finding where Git declares an image, and changing only that scalar, in a real repository.</summary>
public sealed class ImageLocatorTests : IDisposable
{
    private readonly GitRepository _repo = new();

    private static Deployment Named(string name) => new() { Metadata = new ObjectMeta { Name = name } };

    private const string TwoDeployments = """
        # the API first
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          template:
            spec:
              containers:
              - name: web
                image: "app:v1"   # pinned by CI
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
              - name: web
                image: app:v1
        """;

    [Fact]
    public void InManifest_ChangesOnlyThatDeploymentsContainerImage_KeepingQuotesAndComments()
    {
        _repo.Commit("two", ("apps/all.yaml", TwoDeployments));
        var locator = new ImageLocator(ManifestRepository.Open(_repo.Path));

        var api = locator.InManifest("apps/all.yaml", Named("api"), "web", "app:v2");
        var web = locator.InManifest("apps/all.yaml", Named("web"), "web", "app:v2");

        Assert.Equal(TwoDeployments.Replace("\"app:v1\"   # pinned", "\"app:v2\"   # pinned"), api.NewText);
        Assert.Equal(TwoDeployments[..^"app:v1".Length] + "app:v2", web.NewText);
        Assert.Equal(("app:v1", "app:v2", "containers[web].image"), (web.OldValue, web.NewValue, web.Field));
    }

    [Fact]
    public void InChartValues_PrefersTheReleasesOwnValues_ThenValuesFiles_ThenTheChartDefaults()
    {
        const string release = """
            apiVersion: gitorch.io/v1
            kind: ChartRelease
            metadata: {name: shop}
            spec:
              chart: charts/shop
              valuesFiles: [values/prod.yaml]
            """;
        _repo.Commit("chart",
            ("shop.yaml", release),
            ("values/prod.yaml", "replicas: 3\nimage:\n  repository: registry/shop\n  tag: v1\n"),
            ("charts/shop/values.yaml", "image:\n  repository: registry/shop\n  tag: v0\n"));
        var locator = new ImageLocator(ManifestRepository.Open(_repo.Path));
        var declared = new ChartRelease { Metadata = new ObjectMeta { Name = "shop" }, Spec = new ChartReleaseSpec { Chart = "charts/shop", ValuesFiles = ["values/prod.yaml"] } };

        var edit = locator.InChartValues(declared, "shop.yaml", "registry/shop:v1", "registry/shop:v2");

        Assert.Equal(("values/prod.yaml", "image tag"), (edit.Path, edit.Field));
        Assert.Equal("replicas: 3\nimage:\n  repository: registry/shop\n  tag: v2\n", edit.NewText);

        _repo.Commit("inline", ("shop.yaml", release + "\n  values:\n    image: registry/shop:v1\n"));
        var inline = locator.InChartValues(declared, "shop.yaml", "registry/shop:v1", "registry/shop:v2");
        Assert.Equal("shop.yaml", inline.Path);
        Assert.EndsWith("image: registry/shop:v2\n", inline.NewText);

        var missing = Assert.Throws<GitSourceException>(() => locator.InChartValues(declared, "shop.yaml", "other:v1", "other:v2"));
        Assert.Contains("no value equal to \"other:v1\"", missing.Message);
    }

    [Fact]
    public void WriteFile_CommitsTheEditOnTheBranch_AndRefusesADirtyWorkingTree()
    {
        _repo.Commit("two", ("all.yaml", TwoDeployments));
        var source = ManifestRepository.Open(_repo.Path);
        var edit = new ImageLocator(source).InManifest("all.yaml", Named("web"), "web", "app:v2");

        var sha = BranchCommit.WriteFile(source, edit.Path, edit.NewText, "Canary deployment/web: app:v2");

        Assert.Equal(sha, _repo.Git("rev-parse", "HEAD").Trim());
        Assert.Equal(edit.NewText, File.ReadAllText(Path.Combine(_repo.Path, "all.yaml")));
        Assert.Equal("1\t1\tall.yaml", _repo.Git("diff", "--numstat", "HEAD~1", "HEAD").Trim());

        File.AppendAllText(Path.Combine(_repo.Path, "all.yaml"), "# local edit\n");
        Assert.Throws<GitSourceException>(() => BranchCommit.WriteFile(source, edit.Path, TwoDeployments, "again"));
    }

    public void Dispose() => _repo.Dispose();
}
