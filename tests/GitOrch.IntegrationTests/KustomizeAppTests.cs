using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests;

/// <summary>
/// A base and an overlay applied through the real CLI, rendered by the real kustomize: the store holds
/// the overlay's objects, diff right after shows nothing, and a commit to the overlay changes exactly
/// what it touched.
/// </summary>
public sealed class KustomizeAppTests : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    private string StorePath => Path.Combine(_home.FullName, "store.db");

    private static string Overlay(int replicas) => $"namespace: shop\nnamePrefix: prod-\nresources: [../../base]\nreplicas: [{{name: web, count: {replicas}}}]\n";

    private Task<CommandResult> Gitorch(params string[] arguments) => GitorchProcess.RunAsync(_home.FullName, [.. arguments, "--store", StorePath]);

    [Fact]
    public async Task AnOverlay_AppliesKustomizesOutput_DiffsClean_AndAnOverlayChangeUpdatesOnlyWhatItTouched()
    {
        _repo.Commit("app",
            ("base/kustomization.yaml", "resources: [web.yaml, svc.yaml]\nconfigMapGenerator:\n- name: settings\n  literals: [COLOR=blue]\n"),
            ("base/web.yaml", ManifestBuilders.Deployment() + "        envFrom: [{configMapRef: {name: settings}}]\n"),
            ("base/svc.yaml", ManifestBuilders.Service()),
            ("overlays/prod/kustomization.yaml", Overlay(2)));

        var apply = await Gitorch("apply", "--repo", Path.Combine(_repo.Path, "overlays/prod"));
        Assert.True(apply.ExitCode == 0, apply.Error);
        var diff = await Gitorch("diff");
        Assert.True(diff.ExitCode == 0, diff.Output + diff.Error);

        await using (var store = await StoreLocator.OpenAsync(StorePath))
        {
            var client = new ObjectClient(store);
            var deployment = await client.GetAsync<Deployment>("shop", "prod-web");
            Assert.Equal(2, deployment!.Spec.Replicas);
            var settings = Assert.Single(await client.ListAsync<ConfigMap>("shop"));
            Assert.StartsWith("prod-settings-", settings.Name);
            Assert.Equal(settings.Name, deployment.Spec.Template.Spec.Containers[0].EnvFrom![0].ConfigMapRef!.Name);
        }

        _repo.Commit("scale prod", ("overlays/prod/kustomization.yaml", Overlay(4)));
        var dryRun = await Gitorch("apply", "--dry-run");
        Assert.Contains("update deployment/shop/prod-web", dryRun.Output);
        Assert.Contains("1 to update", dryRun.Output);
        Assert.Contains("0 to create", dryRun.Output);
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
