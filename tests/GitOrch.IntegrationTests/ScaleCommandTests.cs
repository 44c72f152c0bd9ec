using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests;

/// <summary>
/// <c>gitorch scale</c> through the real executable and real git: each case makes a one-line commit in
/// the file that declares the count (a manifest, a chart's values, a kustomize overlay), and the store
/// follows after the sync the verb runs.
/// </summary>
public sealed class ScaleCommandTests : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    private string StorePath => Path.Combine(_home.FullName, "store.db");

    private Task<CommandResult> Gitorch(params string[] arguments) => GitorchProcess.RunAsync(_home.FullName, [.. arguments, "--store", StorePath]);

    private async Task<int?> ReplicasAsync(string ns, string name)
    {
        await using var store = await StoreLocator.OpenAsync(StorePath);
        return (await new ObjectClient(store).GetAsync<Deployment>(ns, name))?.Spec.Replicas;
    }

    /// <summary>The last commit's subject, and the lines it added and removed, file by file.</summary>
    private (string Subject, string NumStat) LastCommit() =>
        (_repo.Git("log", "-1", "--format=%s").Trim(), _repo.Git("diff", "--numstat", "HEAD~1", "HEAD").Trim());

    private async Task ApplyAsync(string? folder = null)
    {
        var apply = await Gitorch("apply", "--repo", folder is null ? _repo.Path : Path.Combine(_repo.Path, folder));
        Assert.True(apply.ExitCode == 0, apply.Error);
    }

    [Fact]
    public async Task APlainManifest_GainsItsReplicasLine_ThenHasItChanged_AndNoCommitOnlyPrintsThePatch()
    {
        _repo.Commit("web", ("web.yaml", ManifestBuilders.Deployment()));
        await ApplyAsync();
        var head = _repo.Git("rev-parse", "HEAD").Trim();

        var preview = await Gitorch("scale", "deployment/web", "--replicas", "3", "--no-commit");
        var unchanged = _repo.Git("rev-parse", "HEAD").Trim();
        var added = await Gitorch("scale", "deployment/web", "--replicas", "3", "--reason", "launch day");
        var addedCommit = LastCommit();
        var addedBody = _repo.Git("log", "-1", "--format=%b");
        var addedReplicas = await ReplicasAsync("default", "web");
        var changed = await Gitorch("scale", "deploy", "web", "--replicas", "5");

        Assert.Equal(0, preview.ExitCode);
        Assert.Contains("+++ b/web.yaml", preview.Output);
        Assert.Contains("+  replicas: 3", preview.Output);
        Assert.Equal(head, unchanged);
        Assert.True(added.ExitCode == 0, added.Error);
        Assert.StartsWith("commit ", added.Output);
        Assert.Contains("web.yaml spec.replicas: (unset) -> 3", added.Output);
        Assert.Equal(("Scale deployment/web from 1 to 3 replicas", "1\t0\tweb.yaml"), addedCommit);
        Assert.Contains("launch day", addedBody);
        Assert.Equal(3, addedReplicas);
        Assert.True(changed.ExitCode == 0, changed.Error);
        Assert.Equal(("Scale deployment/web from 3 to 5 replicas", "1\t1\tweb.yaml"), LastCommit());
        Assert.Equal(5, await ReplicasAsync("default", "web"));
    }

    [Fact]
    public async Task AChartsOutput_IsScaledByTheValueThatHoldsItsCount()
    {
        const string template = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: "{{ release.name }}"}
            spec:
              replicas: {{ values.replicaCount }}
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: busybox:1.36}]
            """;
        _repo.Commit("chart", ("charts/web/Chart.yaml", ChartFixtures.ChartYaml), ("charts/web/values.yaml", "image: busybox\nreplicaCount: 2\n"),
            ("charts/web/templates/deploy.yaml", template), ("apps/web.yaml", ChartFixtures.Release("web", "charts/web")));
        await ApplyAsync();

        var scaled = await Gitorch("scale", "deployment/web", "-n", "apps", "--replicas", "4");

        Assert.True(scaled.ExitCode == 0, scaled.Error);
        Assert.Equal(("Scale deployment/web from 2 to 4 replicas", "1\t1\tcharts/web/values.yaml"), LastCommit());
        Assert.Equal(4, await ReplicasAsync("apps", "web"));
    }

    [Fact]
    public async Task AKustomizeOverlay_GetsAReplicasEntry_ForTheNameBeforeItsPrefix()
    {
        _repo.Commit("app", ("base/kustomization.yaml", "resources: [web.yaml]\n"), ("base/web.yaml", ManifestBuilders.Deployment("  replicas: 1\n")),
            ("overlays/prod/kustomization.yaml", "namespace: shop\nnamePrefix: prod-\nresources: [../../base]\n"));
        await ApplyAsync("overlays/prod");

        var scaled = await Gitorch("scale", "deployment/prod-web", "-n", "shop", "--replicas", "3");
        var again = await Gitorch("scale", "deployment/prod-web", "-n", "shop", "--replicas", "2");

        Assert.True(scaled.ExitCode == 0, scaled.Error);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(("Scale deployment/prod-web from 3 to 2 replicas", "1\t1\toverlays/prod/kustomization.yaml"), LastCommit());
        Assert.Contains("- name: web\n  count: 2\n", File.ReadAllText(Path.Combine(_repo.Path, "overlays/prod/kustomization.yaml")));
        Assert.Equal(2, await ReplicasAsync("shop", "prod-web"));
    }

    [Fact]
    public async Task AnObjectGitDoesNotDeclare_OrAKindWithoutReplicas_IsRefusedWithOneLine()
    {
        _repo.Commit("settings", ("cm.yaml", ChartFixtures.ConfigMap("settings", "red")));
        await ApplyAsync();

        var configMap = await Gitorch("scale", "configmap/settings", "--replicas", "2");
        var missing = await Gitorch("scale", "deployment/nope", "--replicas", "2");

        Assert.Equal((2, "error: configmaps cannot be scaled (scalable: deployments, statefulsets, replicasets)"), (configMap.ExitCode, configMap.Error.Trim()));
        Assert.Equal("error: deployments \"nope\" in namespace default not found", missing.Error.Trim());
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
