using GitOrch.Api.Model;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

public sealed class DesiredStateLoaderTests : IDisposable
{
    private readonly GitRepository _repo = new();

    private DesiredStateLoader Loader() => new(ManifestRepository.Open(_repo.Path));

    [Fact]
    public void Load_NextCommit_ReparsesOnlyChangedFiles_AndReportsOnlyTheirKeys()
    {
        _repo.Commit("two files", ("a.yaml", ChartFixtures.ConfigMap("a", "red")), ("b.yaml", ChartFixtures.ConfigMap("b", "red")));
        var loader = Loader();
        var first = loader.Load();
        _repo.Commit("change b", ("b.yaml", ChartFixtures.ConfigMap("b", "blue")));

        var second = loader.Load();

        Assert.Same(first.Objects["configmaps.default.a"], second.Objects["configmaps.default.a"]);
        Assert.Equal("blue", ((ConfigMap)second.Objects["configmaps.default.b"].Object).Data!["color"]);
        Assert.Equal(["configmaps.default.b"], second.ChangedSince(first));
    }

    [Fact]
    public void Load_RenameAndDelete_KeepTheObjectAtItsNewPath_AndDropTheDeletedOne()
    {
        _repo.Commit("two files", ("a.yaml", ChartFixtures.ConfigMap("a", "red")), ("b.yaml", ChartFixtures.ConfigMap("b", "red")));
        var loader = Loader();
        var first = loader.Load();
        Directory.CreateDirectory(Path.Combine(_repo.Path, "moved"));
        _repo.Git("mv", "a.yaml", "moved/a-renamed.yaml");
        _repo.Commit("rename a, delete b", ("b.yaml", null));

        var second = loader.Load();

        Assert.Equal(["configmaps.default.a"], second.Objects.Keys);
        Assert.Equal("moved/a-renamed.yaml", second.Objects["configmaps.default.a"].Object.Annotation(WellKnown.SourcePath));
        Assert.Equivalent(Loader().Load().ObjectsByKey().Keys, second.ObjectsByKey().Keys);
    }

    [Fact]
    public void Load_ChartRelease_RendersWithValuesFiles_AndReRendersOnlyWhenItsInputsChange()
    {
        _repo.Commit("chart",
            [.. ChartFixtures.Files("charts/web"),
             ("values-prod.yaml", "greeting: prod\n"),
             ("release.yaml", ChartFixtures.Release("shop", "charts/web", valuesFiles: "[values-prod.yaml]")),
             ("other.yaml", ChartFixtures.ConfigMap("other", "red"))]);
        var loader = Loader();
        var first = loader.Load();
        _repo.Commit("unrelated", ("other.yaml", ChartFixtures.ConfigMap("other", "blue")));
        var second = loader.Load();
        _repo.Commit("values", ("values-prod.yaml", "greeting: changed\n"));
        var third = loader.Load();

        var rendered = first.Objects["configmaps.apps.shop-a"];
        Assert.Equal("prod", ((ConfigMap)rendered.Object).Data!["greeting"]);
        Assert.Equal("apps/shop", rendered.Object.Annotation(WellKnown.ChartRelease));
        Assert.Same(rendered, second.Objects["configmaps.apps.shop-a"]);
        Assert.Equal("changed", ((ConfigMap)third.Objects["configmaps.apps.shop-a"].Object).Data!["greeting"]);
        Assert.Equal(["configmaps.apps.shop-a", "configmaps.apps.shop-b"], third.ChangedSince(second).Order());
    }

    [Fact]
    public void Load_ChartPathOutsideTheManifestFolder_IsAnErrorAtTheRelease()
    {
        _repo.Commit("escape", ("release.yaml", ChartFixtures.Release("shop", "../elsewhere")));

        var error = Assert.Throws<GitOrch.Api.Serialization.ManifestException>(() => Loader().Load());

        Assert.StartsWith("release.yaml:1:1: ChartRelease \"shop\": spec.chart", error.Message);
    }

    [Fact]
    public void Load_SameObjectInTwoFiles_NamesBothPlaces()
    {
        _repo.Commit("dup", ("a.yaml", ChartFixtures.ConfigMap("same", "red")), ("b.yaml", ChartFixtures.ConfigMap("same", "blue")));

        var error = Assert.Throws<GitOrch.Api.Serialization.ManifestException>(() => Loader().Load());

        Assert.Equal("b.yaml:1:1: ConfigMap \"default/same\" is also declared at a.yaml:1", error.Message);
    }

    [Fact]
    public void Load_AnIngressNamingAServiceTheCommitDoesNotDeclare_IsAnErrorAtTheIngress()
    {
        const string ingress = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: site}\nspec:\n  rules:\n  - host: a.example.test\n" +
            "    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: missing, port: {number: 80}}}}\n";
        _repo.Commit("ingress", ("web.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n"), ("site.yaml", ingress));

        var error = Assert.Throws<GitOrch.Api.Serialization.ManifestException>(() => Loader().Load());

        Assert.Equal("site.yaml:1:1: Ingress \"default/site\" routes to Service \"missing\", which this commit does not declare in namespace default", error.Message);
    }

    public void Dispose() => _repo.Dispose();
}
