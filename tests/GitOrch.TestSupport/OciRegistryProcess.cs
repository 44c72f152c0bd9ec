using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace GitOrch.TestSupport;

/// <summary>
/// A real OCI registry (Debian's docker-registry, the distribution registry) on a loopback port, over
/// plain HTTP with one htpasswd user, and the pushes helm push makes: a config blob, the chart archive
/// as a layer, and a manifest tagged with the version.
/// </summary>
public sealed class OciRegistryProcess : IDisposable
{
    public const string Username = "ci";
    public const string Password = "s3cret-chart-pass";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gitorch-registry-");
    private readonly HttpClient _http = new();
    private Process? _process;

    private OciRegistryProcess() => Host = $"127.0.0.1:{NatsServerProcess.FreePort()}";

    /// <summary>HOST:PORT, as an oci:// reference names it.</summary>
    public string Host { get; }

    public static async Task<OciRegistryProcess> StartAsync()
    {
        var registry = new OciRegistryProcess();
        var htpasswd = Path.Combine(registry._folder.FullName, "htpasswd");
        var hashed = await RunAsync("htpasswd", "-Bbn", Username, Password);
        await File.WriteAllTextAsync(htpasswd, hashed.Trim() + "\n");
        var config = Path.Combine(registry._folder.FullName, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log: {"{"}level: error{"}"}
            storage: {"{"}filesystem: {"{"}rootdirectory: {registry._folder.FullName}/data{"}"}{"}"}
            http: {"{"}addr: "{registry.Host}"{"}"}
            auth: {"{"}htpasswd: {"{"}realm: charts, path: "{htpasswd}"{"}"}{"}"}
            """);
        registry._process = Process.Start(new ProcessStartInfo("docker-registry", ["serve", config])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        registry._process.OutputDataReceived += (_, _) => { };
        registry._process.ErrorDataReceived += (_, _) => { };
        registry._process.BeginOutputReadLine();
        registry._process.BeginErrorReadLine();
        await Eventually.WaitAsync(registry.AnswersAsync, answers => answers, TimeSpan.FromSeconds(60), $"docker-registry to answer on {registry.Host}");
        return registry;
    }

    /// <summary>Pushes the archive as chart NAME at VERSION into the registry repository PATH/NAME.</summary>
    public async Task PushChartAsync(string path, string name, string version, byte[] archive)
    {
        var repository = $"{path}/{name}";
        var config = Encoding.UTF8.GetBytes($$"""{"apiVersion":"v2","name":"{{name}}","version":"{{version}}"}""");
        var configDigest = await PushBlobAsync(repository, config);
        var chartDigest = await PushBlobAsync(repository, archive);
        var manifest = $$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"{{configDigest}}","size":{{config.Length}}},
             "layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"{{chartDigest}}","size":{{archive.Length}}}]}
            """;
        var put = Authorized(HttpMethod.Put, $"http://{Host}/v2/{repository}/manifests/{version.Replace('+', '_')}");
        put.Content = new StringContent(manifest, new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        (await _http.SendAsync(put)).EnsureSuccessStatusCode();
    }

    public void Stop()
    {
        if (_process is { HasExited: false }) _process.Kill();
        _process?.WaitForExit();
    }

    public void Dispose()
    {
        Stop();
        _process?.Dispose();
        _http.Dispose();
        _folder.Delete(recursive: true);
    }

    private async Task<string> PushBlobAsync(string repository, byte[] blob)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(blob));
        var start = await _http.SendAsync(Authorized(HttpMethod.Post, $"http://{Host}/v2/{repository}/blobs/uploads/"));
        start.EnsureSuccessStatusCode();
        var location = new Uri(new Uri($"http://{Host}"), start.Headers.Location!);
        var separator = location.Query.Length > 0 ? '&' : '?';
        var upload = Authorized(HttpMethod.Put, $"{location}{separator}digest={Uri.EscapeDataString(digest)}");
        upload.Content = new ByteArrayContent(blob);
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        (await _http.SendAsync(upload)).EnsureSuccessStatusCode();
        return digest;
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string url) => new(method, url)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"))) },
    };

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var response = await _http.SendAsync(Authorized(HttpMethod.Get, $"http://{Host}/v2/"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
