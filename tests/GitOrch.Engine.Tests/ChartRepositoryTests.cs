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

        var archive = new ChartRepository(_cache.FullName).Fetch(new ChartSource(Url, "web", constraint));

        Assert.Equal(expected, archive.Version);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(archive.Bytes)), archive.Digest);
    }

    [Fact]
    public void Once_fetched_a_chart_renders_from_the_cache_when_the_repository_is_gone()
    {
        Publish("1.0.0");
        var first = new ChartRepository(_cache.FullName).Fetch(new ChartSource(Url, "web", "1.x"));

        _server.Stop();
        var again = new ChartRepository(_cache.FullName).Fetch(new ChartSource(Url, "web", "1.x"));

        Assert.Equal(first.Digest, again.Digest);
        Assert.Equal(first.Bytes, again.Bytes);
    }

    [Fact]
    public void A_wrong_digest_an_unknown_chart_an_unmet_constraint_and_an_unreachable_repository_each_say_so()
    {
        _server.Publish(["1.0.0"], wrongDigest: true);
        var repository = new ChartRepository(_cache.FullName);

        Assert.Contains("the archive's sha256 is", Assert.Throws<ChartRepositoryException>(() => repository.Fetch(new ChartSource(Url, "web", null))).Message);
        Assert.Contains("no chart named db in index.yaml", Assert.Throws<ChartRepositoryException>(() => repository.Fetch(new ChartSource(Url, "db", null))).Message);
        Assert.Contains("no version of web meets \"^3.0\"; it has 1.0.0", Assert.Throws<ChartRepositoryException>(() => repository.Fetch(new ChartSource(Url, "web", "^3.0"))).Message);
        Assert.Contains("GET http://127.0.0.1:1/index.yaml failed", Assert.Throws<ChartRepositoryException>(() => repository.Fetch(new ChartSource("http://127.0.0.1:1/", "web", null))).Message);
    }

    [Fact]
    public void A_repository_that_asks_for_a_bearer_token_is_answered_with_one_from_its_token_service_for_the_credentials()
    {
        Publish("1.0.0");
        _server.TokenLogin = ("ci", "pass");
        var repository = new ChartRepository(_cache.FullName);

        var archive = repository.Fetch(new ChartSource(Url, "web", null) { Credentials = new RepositoryCredentials("ci", "pass") });
        var wrong = Assert.Throws<ChartRepositoryException>(() => repository.Fetch(new ChartSource(Url, "web", "1.x") { Credentials = new RepositoryCredentials("ci", "nope") }));

        Assert.Equal("1.0.0", archive.Version);
        Assert.Contains($"GET {Url}token?service=charts&scope=repository%3Aweb%3Apull answered 401 Unauthorized; the credentials in spec.credentialsSecret were refused", wrong.Message);
    }

    [Theory]
    [InlineData("{chart: charts/web, version: 1.x}", "spec.version: needs spec.repository")]
    [InlineData("{repository: ftp://charts.example.com, chart: web}", "spec.repository: \"ftp://charts.example.com\" is neither an http(s) URL nor oci://HOST/PATH")]
    [InlineData("{repository: https://charts.example.com, chart: web, plainHttp: true}", "spec.plainHttp: applies only to an oci:// repository")]
    [InlineData("{repository: oci://registry.example.com/charts, chart: web, credentialsSecret: login}", "spec.credentialsSecret: no Secret \"login\" in namespace default is declared in the commit")]
    public void A_ChartRelease_with_a_wrong_repository_field_is_refused_at_its_line(string spec, string expected)
    {
        using var repo = new GitRepository();
        repo.Commit("a bad release", ("apps/shop.yaml", $"apiVersion: gitorch.io/v1\nkind: ChartRelease\nmetadata: {{name: shop}}\nspec: {spec}\n"));

        var error = Assert.Throws<GitOrch.Api.Serialization.ManifestException>(
            () => new DesiredStateLoader(ManifestRepository.Open(repo.Path), chartRepository: new ChartRepository(_cache.FullName)).Load());

        Assert.StartsWith("apps/shop.yaml:", error.Message);
        Assert.Contains(expected, error.Message);
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
