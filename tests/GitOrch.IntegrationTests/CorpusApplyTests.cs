using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// The eight applications of tests/corpus, applied unchanged to a server and a Docker agent on
/// nats-server, one commit per app: each sync succeeds (hooks run, waves wait for health), a diff right
/// after shows no change, and a commit to one overlay plans exactly its change.
/// </summary>
[Collection("end-to-end")]
public sealed class CorpusApplyTests(ReleaseCluster cluster, ITestOutputHelper log) : IClassFixture<ReleaseCluster>
{
    private static readonly string Corpus = Path.Combine(RepositoryRoot.Path, "tests", "corpus");

    /// <summary>The gRPC app first: its pods never turn ready here (the image serves no gRPC health), and a later commit's waves wait only for what that commit changed.</summary>
    private static readonly string[] Apps = ["grpc", "guestbook", "operator", "monitoring", "batch", "shop", "voting", "blog"];

    private static (string, string?)[] FilesOf(string app) =>
        Directory.EnumerateFiles(Path.Combine(Corpus, app), "*", SearchOption.AllDirectories)
            .Select(file => (Path.GetRelativePath(Corpus, file).Replace('\\', '/'), (string?)File.ReadAllText(file))).ToArray();

    [Fact]
    public async Task EveryApp_AppliesUnchanged_DiffsClean_AndAnOverlayCommitPlansExactlyItsChange()
    {
        foreach (var app in Apps)
        {
            await cluster.CommitAndSyncAsync($"add {app}", FilesOf(app));
            var diff = await cluster.Agent.CliAsync("diff");
            log.WriteLine($"{app}: {diff.Output.Trim()}");
            Assert.True(diff.ExitCode == 0, $"diff right after applying {app}: {diff.Output}{diff.Error}");
        }

        var client = cluster.Agent.Client;
        var migrate = await client.GetAsync<Job>("default", "db-migrate");
        Assert.True(migrate?.Status?.Succeeded >= 1, "the voting app's PreSync migration ran and succeeded");
        await Eventually.WaitAsync(() => client.GetAsync<PersistentVolumeClaim>("blog-staging", "staging-wp-content"), claim => claim?.Status?.Phase == VolumePhases.Bound,
            AgentHarness.Timeout, "the blog's content claim bound");
        Assert.Contains("orders", (await cluster.Agent.CliAsync("get", "databases")).Output);

        var prod = File.ReadAllText(Path.Combine(Corpus, "shop/overlays/prod/kustomization.yaml"));
        cluster.Repo.Commit("more catalog replicas", ("shop/overlays/prod/kustomization.yaml", prod.Replace("count: 3", "count: 4")));
        var planned = await cluster.Agent.CliAsync("diff");
        Assert.Equal(1, planned.ExitCode);
        Assert.Contains("deployment/shop-prod/catalog", planned.Output);
        Assert.EndsWith("0 to create, 1 to update, 0 to delete", planned.Output.Trim());
    }
}
