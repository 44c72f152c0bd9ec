using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace GitOrch.TestSupport;

/// <summary>
/// An HTTP chart repository on a loopback port, as helm repo serves one: an index.yaml and a .tgz per
/// version of the chart <see cref="WebChartArchive"/> packs.
/// </summary>
public sealed class ChartRepositoryServer : IDisposable
{
    private readonly Dictionary<string, byte[]> _served = new(StringComparer.Ordinal);
    private readonly HttpListener _server = new();

    public ChartRepositoryServer()
    {
        Url = $"http://127.0.0.1:{NatsServerProcess.FreePort()}/charts/";
        _server.Prefixes.Add(Url);
        _server.Start();
        _ = ServeAsync();
    }

    public string Url { get; }

    /// <summary>
    /// When set, the repository asks for a bearer token, as registries do: its token service at
    /// URL/token hands one out for these Basic credentials.
    /// </summary>
    public (string Username, string Password)? TokenLogin { get; set; }

    private const string Token = "token-for-the-web-chart";

    /// <summary>Serves these versions of the chart; with a wrong digest, the index's sha256 does not match the archives.</summary>
    public void Publish(string[] versions, bool wrongDigest = false)
    {
        var index = new StringBuilder("apiVersion: v1\nentries:\n  web:\n");
        lock (_served)
        {
            foreach (var version in versions)
            {
                var archive = WebChartArchive.Package(version);
                _served[$"web-{version}.tgz"] = archive;
                var digest = wrongDigest ? new string('0', 64) : Convert.ToHexStringLower(SHA256.HashData(archive));
                index.Append($"  - version: {version}\n    digest: {digest}\n    urls: [web-{version}.tgz]\n");
            }
            _served["index.yaml"] = Encoding.UTF8.GetBytes(index.ToString());
        }
    }

    public void Stop()
    {
        if (_server.IsListening) _server.Stop();
    }

    public void Dispose() => Stop();

    private async Task ServeAsync()
    {
        while (_server.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _server.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var (status, body) = Answer(context.Request);
            context.Response.StatusCode = status;
            if (status == 401 && TokenLogin is not null)
                context.Response.Headers["WWW-Authenticate"] = $"Bearer realm=\"{Url}token\",service=\"charts\",scope=\"repository:web:pull\"";
            if (body is not null) await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private (int Status, byte[]? Body) Answer(HttpListenerRequest request)
    {
        var path = request.Url!.AbsolutePath[new Uri(Url).AbsolutePath.Length..];
        var authorization = request.Headers["Authorization"];
        if (TokenLogin is { } login && path == "token")
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login.Username}:{login.Password}"));
            return authorization == expected && request.QueryString["scope"] == "repository:web:pull"
                ? (200, Encoding.UTF8.GetBytes($"{{\"token\":\"{Token}\"}}"))
                : (401, null);
        }
        if (TokenLogin is not null && authorization != $"Bearer {Token}") return (401, null);
        lock (_served) return _served.TryGetValue(path, out var body) ? (200, body) : (404, null);
    }
}
