using GitOrch.Api.Model;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>
/// The corpus in tests/corpus, eight applications in the shape of public example apps, as one
/// repository: it loads unchanged, every kustomization renders exactly what kustomize renders, and a
/// commit to one overlay changes exactly what that overlay changes.
/// </summary>
public sealed class CorpusLoadingTests : IDisposable
{
    private static readonly string Corpus = Path.Combine(RepositoryRoot.Path, "tests", "corpus");
    private static readonly string[] Roots = ["batch/overlays/nightly", "blog/overlays/staging", "monitoring/overlays/cluster", "shop/overlays/dev", "shop/overlays/prod"];

    private readonly GitRepository _repo = new();

    public CorpusLoadingTests() =>
        _repo.Commit("the corpus", Directory.EnumerateFiles(Corpus, "*", SearchOption.AllDirectories)
            .Select(file => (Path.GetRelativePath(Corpus, file).Replace('\\', '/'), (string?)File.ReadAllText(file))).ToArray());

    [Fact]
    public void EveryApp_Loads_AndEveryKustomization_IsWhatKustomizeRenders()
    {
        var state = new DesiredStateLoader(ManifestRepository.Open(_repo.Path)).Load();

        var apps = state.Objects.Values.GroupBy(declared => declared.Path.Split('/')[0]).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(["batch", "blog", "grpc", "guestbook", "monitoring", "operator", "shop", "voting"], apps.Keys.Order());
        foreach (var root in Roots)
            KustomizeFidelity.AssertSameAsKustomize(Path.Combine(_repo.Path, root), state.Objects.Values.Where(declared => declared.Path == $"{root}/kustomization.yaml"));
        Assert.Equal(["orders", "sessions"], state.Objects.Values.Where(declared => declared.Object.Kind == "Database").Select(declared => declared.Object.Name).Order());
        Assert.Contains(state.Objects.Values, declared => declared.Object is HorizontalPodAutoscaler { Namespace: "shop-prod" });
        Assert.Contains(state.Objects.Values, declared => declared.Object is PersistentVolumeClaim { Name: "guestbook-uploads" });
    }

    [Fact]
    public void ACommitToOneOverlay_ChangesExactlyWhatThatOverlayRenders()
    {
        var loader = new DesiredStateLoader(ManifestRepository.Open(_repo.Path));
        var before = loader.Load();
        var prod = File.ReadAllText(Path.Combine(Corpus, "shop/overlays/prod/kustomization.yaml"));

        _repo.Commit("more catalog replicas", ("shop/overlays/prod/kustomization.yaml", prod.Replace("count: 3", "count: 4")));
        var after = loader.Load();

        Assert.Equal(["deployments.shop-prod.catalog"], after.ChangedSince(before));
        Assert.Equal(4, ((Deployment)after.Objects["deployments.shop-prod.catalog"].Object).Spec.Replicas);
    }

    public void Dispose() => _repo.Dispose();
}
