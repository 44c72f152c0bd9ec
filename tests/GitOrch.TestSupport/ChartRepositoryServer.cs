using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace GitOrch.TestSupport;

/// <summary>
/// An HTTP chart repository on a loopback port, as helm repo serves one: an index.yaml and a .tgz per
/// version of a small chart named web, whose one ConfigMap says its version and its color value.
/// </summary>
public sealed class ChartRepositoryServer : IDisposable
{
    private readonly Dictionary<string, byte[]> _served = new(StringComparer.Ordinal);
    private readonly HttpListener _server = new();

    public ChartRepositoryServer()
    {
        Url = $"http://127.0.0.1:{FreePort()}/charts/";
        _server.Prefixes.Add(Url);
        _server.Start();
        _ = ServeAsync();
    }

    public string Url { get; }

    /// <summary>Serves these versions of the chart; with a wrong digest, the index's sha256 does not match the archives.</summary>
    public void Publish(string[] versions, bool wrongDigest = false)
    {
        var index = new StringBuilder("apiVersion: v1\nentries:\n  web:\n");
        lock (_served)
        {
            foreach (var version in versions)
            {
                var archive = Package(version);
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
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            byte[]? body;
            lock (_served) _served.TryGetValue(context.Request.Url!.AbsolutePath[new Uri(Url).AbsolutePath.Length..], out body);
            if (body is null) context.Response.StatusCode = 404;
            else await context.Response.OutputStream.WriteAsync(body);
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
}
