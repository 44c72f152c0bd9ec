using System.Net;

namespace GitOrch.Agent.Proxy;

/// <summary>The one HTTP client that HTTP-mode listeners and the Ingress server forward to pods with: no proxy, redirects, decompression, cookies or tracing headers of its own.</summary>
public static class BackendHttp
{
    public static readonly HttpMessageInvoker Invoker = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(3),
    });
}
