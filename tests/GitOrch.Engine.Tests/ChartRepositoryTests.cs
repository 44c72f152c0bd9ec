using System.Security.Cryptography;
using GitOrch.Api.Model;
using GitOrch.Engine.Charts.Repositories;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>Charts from an HTTP chart repository served by the test: version picking, digests, the cache that outlives the server, and a ChartRelease that names one.</summary>
public sealed class ChartRepositoryTests : IDisposable
{
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("gitorch-charts-");
    private readonly ChartRepositoryServer _server = new();
    private string Url => _server.Url;

    public void Dispose()
    {
        _server.Dispose();
        _cache.Delete(recursive: true);
    }

    private void Publish(params string[] versions) => _server.Publish(versions);

    [Theory]
    [InlineData(null, "1.1.0")]
    [InlineData("~1.0.0", "1.0.2")]
    [InlineData("^1.0.0", "1.1.0")]
    [InlineData(">=2.0.0-0", "2.0.0-rc.1")]
    public void The_newest_version_that_meets_the_constraint_is_picked(string? constraint, string expected)
    {
        Publish("1.0.0", "1.0.2", "1.1.0", "2.0.0-rc.1");

        var archive = new ChartRepository(_cache.FullName).Fetch(Url, "web", constraint);

        Assert.Equal(expected, archive.Version);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(archive.Bytes)), archive.Digest);
    }

    [Fact]
    public void Once_fetched_a_chart_renders_from_the_cache_when_the_repository_is_gone()
    {
        Publish("1.0.0");
        var first = new ChartRepository(_cache.FullName).Fetch(Url, "web", "1.x");

        _server.Stop();
        var again = new ChartRepository(_cache.FullName).Fetch(Url, "web", "1.x");

        Assert.Equal(first.Digest, again.Digest);
        Assert.Equal(first.Bytes, again.Bytes);
    }

    [Fact]
    public void A_wrong_digest_an_unknown_chart_an_unmet_constraint_and_an_unreachable_repository_each_say_so()
    {
        _server.Publish(["1.0.0"], wrongDigest: true);
        var repository = new ChartRepository(_cache.FullName);

        Assert.Contains("the archive's sha256 is", Assert.Throws<ChartRepositoryException>(() => repository.Fetch(Url, "web", null)).Message);
        Assert.Contains("no chart named db in index.yaml", Assert.Throws<ChartRepositoryException>(() => repository.Fetch(Url, "db", null)).Message);
        Assert.Contains("no version of web meets \"^3.0\"; it has 1.0.0", Assert.Throws<ChartRepositoryException>(() => repository.Fetch(Url, "web", "^3.0")).Message);
        Assert.Contains("GET http://127.0.0.1:1/index.yaml failed", Assert.Throws<ChartRepositoryException>(() => repository.Fetch("http://127.0.0.1:1/", "web", null)).Message);
    }

    [Fact]
    public void A_ChartRelease_that_names_a_repository_renders_the_chart_it_serves()
    {
        Publish("1.0.0", "1.1.0");
        using var repo = new GitRepository();
        repo.Commit("a release from a repository", ("apps/shop.yaml", $"""
            apiVersion: gitorch.io/v1
            kind: ChartRelease
            metadata: {"{"}name: shop, namespace: default{"}"}
            spec:
              repository: {Url}
              chart: web
              version: "1.0.x"
              values: {"{"}color: green{"}"}
            """));
        var loaded = new DesiredStateLoader(ManifestRepository.Open(repo.Path), chartRepository: new ChartRepository(_cache.FullName)).Load();

        var config = Assert.IsType<ConfigMap>(loaded.Objects.Values.Single(declared => declared.Object is ConfigMap).Object);
        Assert.Equal(("shop-web", "1.0.0", "green"), (config.Name, config.Data!["version"], config.Data["color"]));
    }
}
