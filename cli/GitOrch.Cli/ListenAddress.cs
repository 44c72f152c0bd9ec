namespace GitOrch.Cli;

/// <summary>The host:port flags that say where gitorch serves HTTP (--listen, --dashboard-listen).</summary>
public static class ListenAddress
{
    /// <summary>The URL Kestrel listens on for a <c>host:port</c> (or http:// URL), or null when the port is missing or invalid.</summary>
    public static string? Url(string address)
    {
        var url = address.Contains("://", StringComparison.Ordinal) ? address : $"http://{address}";
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsDefaultPort && uri.AbsolutePath == "/"
            ? url
            : null;
    }

    /// <summary>Whether only this machine can reach the URL.</summary>
    public static bool IsLoopback(string url)
    {
        var host = new Uri(url).Host;
        return host == "localhost" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }
}
