using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>Kustomizations rendered by the real kustomize (kubectl kustomize on this machine), against its own output.</summary>
public sealed class KustomizationLoadingTests : IDisposable
{
    private readonly GitRepository _repo = new();

    private const string Base = """
        resources: [deployment.yaml, service.yaml]
        configMapGenerator:
        - name: web-config
          literals: [MODE=base]
        """;

    private const string Overlay = """
        namespace: prod
        namePrefix: prod-
        commonLabels: {tier: front}
        resources: [../../base]
        replicas: [{name: web, count: 3}]
        images: [{name: busybox, newTag: "1.37"}]
        patches:
        - target: {kind: Deployment, name: web}
          patch: |-
            - op: add
              path: /spec/template/spec/containers/0/env
              value: [{name: STAGE, value: prod}]
        """;

    private static readonly string Deployment = ManifestBuilders.Deployment() + "        envFrom: [{configMapRef: {name: web-config}}]\n";

    private void CommitApp(params (string File, string? Content)[] more) =>
        _repo.Commit("app", [("base/kustomization.yaml", Base), ("base/deployment.yaml", Deployment), ("base/service.yaml", ManifestBuilders.Service()),
            ("overlays/prod/kustomization.yaml", Overlay), ("plain.yaml", ManifestBuilders.ConfigMap("  a: b\n", name: "plain")), .. more]);

    private DesiredStateLoader Loader() => new(ManifestRepository.Open(_repo.Path));

    [Fact]
    public void AnOverlay_LoadsExactlyWhatKustomizeRenders_AndItsBaseIsNotLoadedAgain()
    {
        CommitApp();

        var state = Loader().Load();

        var rendered = state.Objects.Values.Where(declared => declared.Path == "overlays/prod/kustomization.yaml").Select(declared => declared.Object).ToList();
        KustomizeFidelity.AssertSameAsKustomize(Path.Combine(_repo.Path, "overlays/prod"), state.Objects.Values.Where(declared => declared.Path == "overlays/prod/kustomization.yaml"));
        Assert.Equal(["configmaps.default.plain"], state.Objects.Values.Where(declared => declared.Path == "plain.yaml").Select(declared => declared.Key));
        Assert.Equal(3, ((Deployment)rendered.Single(r => r is Deployment)).Spec.Replicas);
    }

    [Fact]
    public void AKustomization_RendersAgainOnlyWhenAFileItReadsChanged()
    {
        CommitApp();
        var loader = Loader();
        var first = loader.Load();
        const string key = "deployments.prod.prod-web";

        _repo.Commit("an unrelated file", ("plain.yaml", ManifestBuilders.ConfigMap("  a: c\n", name: "plain")));
        var second = loader.Load();
        _repo.Commit("the base's command", ("base/deployment.yaml", Deployment + "        command: [sleep, \"60\"]\n"));
        var third = loader.Load();

        Assert.Same(first.Objects[key], second.Objects[key]);
        Assert.NotSame(second.Objects[key], third.Objects[key]);
        Assert.Equal([key], third.ChangedSince(second));
    }

    [Fact]
    public void ARemoteBase_IsRefused_NamingTheKustomizationAndTheLine()
    {
        _repo.Commit("remote", ("app/kustomization.yaml", "resources:\n- https://github.com/example/app//base?ref=v1\n"));

        var error = Assert.Throws<ManifestException>(() => Loader().Load());

        Assert.StartsWith("app/kustomization.yaml:2:3: resources: \"https://github.com/example/app//base?ref=v1\" is a remote base", error.Message);
    }

    [Fact]
    public void AKustomizeError_IsOneLineNamingTheKustomization()
    {
        _repo.Commit("broken", ("app/kustomization.yaml", "resources: [missing.yaml]\n"));

        var error = Assert.Throws<ManifestException>(() => Loader().Load());

        Assert.StartsWith("app/kustomization.yaml:1:1: kustomize: ", error.Message);
        Assert.Contains("app/missing.yaml", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("gitorch-kustomize-", error.Message);
    }

    [Fact]
    public void AReferenceThatLeavesTheRepository_IsRefused()
    {
        _repo.Commit("escape", ("app/kustomization.yaml", "resources: [../../etc]\n"));

        var error = Assert.Throws<ManifestException>(() => Loader().Load());

        Assert.Contains("\"../../etc\" leaves the repository", error.Message);
    }

    [Fact]
    public void AnOverlayAsTheManifestFolder_BuildsOnABaseOutsideIt()
    {
        CommitApp();

        var state = new DesiredStateLoader(ManifestRepository.Open(Path.Combine(_repo.Path, "overlays/prod"))).Load();

        Assert.Equal(["configmaps.prod.prod-web-config-btf6f9dc9c", "deployments.prod.prod-web", "services.prod.prod-web"], state.Objects.Keys.Order());
    }

    public void Dispose() => _repo.Dispose();
}
