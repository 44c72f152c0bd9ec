using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
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
    private readonly Dictionary<string, byte[]> _served = new(StringComparer.Ordinal);
    private readonly HttpListener _server = new();
    private readonly string _url;

    public ChartRepositoryTests()
    {
        var port = FreePort();
        _url = $"http://127.0.0.1:{port}/charts/";
        _server.Prefixes.Add(_url);
        _server.Start();
        _ = ServeAsync();
    }

    public void Dispose()
    {
        if (_server.IsListening) _server.Stop();
        _cache.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_server.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _server.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var name = context.Request.Url!.AbsolutePath["/charts/".Length..];
            if (_served.TryGetValue(name, out var body))
                await context.Response.OutputStream.WriteAsync(body);
            else
                context.Response.StatusCode = 404;
            context.Response.Close();
        }
    }

    private static byte[] Package(string version)
    {
        using var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var (path, text) in new[]
            {
                ("Chart.yaml", $"apiVersion: v2\nname: web\nversion: {version}\n"),
                ("values.yaml", "color: blue\n"),
                ("templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .Release.Name }}-web}\ndata: {version: {{ .Chart.Version | quote }}, color: {{ .Values.color }}}\n"),
            })
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"web/{path}") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        }
        return bytes.ToArray();
    }

    private void Publish(params string[] versions) => Publish(versions, wrongDigest: false);

    private void Publish(string[] versions, bool wrongDigest)
    {
        var index = new StringBuilder("apiVersion: v1\nentries:\n  web:\n");
        foreach (var version in versions)
        {
            var archive = Package(version);
            _served[$"web-{version}.tgz"] = archive;
            var digest = wrongDigest ? new string('0', 64) : Convert.ToHexStringLower(SHA256.HashData(archive));
            index.Append($"  - version: {version}\n    digest: {digest}\n    urls: [web-{version}.tgz]\n");
        }
        _served["index.yaml"] = Encoding.UTF8.GetBytes(index.ToString());
    }

    [Theory]
    [InlineData(null, "1.1.0")]
    [InlineData("~1.0.0", "1.0.2")]
    [InlineData("^1.0.0", "1.1.0")]
    [InlineData(">=2.0.0-0", "2.0.0-rc.1")]
    public void The_newest_version_that_meets_the_constraint_is_picked(string? constraint, string expected)
    {
        Publish("1.0.0", "1.0.2", "1.1.0", "2.0.0-rc.1");

        var archive = new ChartRepository(_cache.FullName).Fetch(_url, "web", constraint);

        Assert.Equal(expected, archive.Version);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(archive.Bytes)), archive.Digest);
    }

    [Fact]
    public void Once_fetched_a_chart_renders_from_the_cache_when_the_repository_is_gone()
    {
        Publish("1.0.0");
        var first = new ChartRepository(_cache.FullName).Fetch(_url, "web", "1.x");

        _server.Stop();
        var again = new ChartRepository(_cache.FullName).Fetch(_url, "web", "1.x");

        Assert.Equal(first.Digest, again.Digest);
        Assert.Equal(first.Bytes, again.Bytes);
    }

    [Fact]
    public void A_wrong_digest_an_unknown_chart_an_unmet_constraint_and_an_unreachable_repository_each_say_so()
    {
        Publish(["1.0.0"], wrongDigest: true);
        var repository = new ChartRepository(_cache.FullName);

        Assert.Contains("the archive's sha256 is", Assert.Throws<ChartRepositoryException>(() => repository.Fetch(_url, "web", null)).Message);
        Assert.Contains("no chart named db in index.yaml", Assert.Throws<ChartRepositoryException>(() => repository.Fetch(_url, "db", null)).Message);
        Assert.Contains("no version of web meets \"^3.0\"; it has 1.0.0", Assert.Throws<ChartRepositoryException>(() => repository.Fetch(_url, "web", "^3.0")).Message);
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
              repository: {_url}
              chart: web
              version: "1.0.x"
              values: {"{"}color: green{"}"}
            """));
        var loaded = new DesiredStateLoader(ManifestRepository.Open(repo.Path), chartRepository: new ChartRepository(_cache.FullName)).Load();

        var config = Assert.IsType<ConfigMap>(loaded.Objects.Values.Single(declared => declared.Object is ConfigMap).Object);
        Assert.Equal(("shop-web", "1.0.0", "green"), (config.Name, config.Data!["version"], config.Data["color"]));
    }
}
