using NATS.Client.Core;

namespace GitOrch.Store.Nats;

/// <summary>Client options for <c>nats://[user:password@|token@]host:port</c>, and the URL with its secret hidden for messages.</summary>
internal static class NatsOptionsFromUrl
{
    // Credentials stay in the URL: the client reads them from there without touching its NKey code,
    // which needs the NATS.NKeys assembly that is not shipped (see build/Nats.props).
    public static NatsOpts Create(string url) => NatsOpts.Default with
    {
        Url = url,
        Name = "gitorch",
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    public static string Redact(string url)
    {
        var uri = new Uri(url);
        return uri.UserInfo.Length == 0 ? url : new UriBuilder(uri) { UserName = "***", Password = "" }.Uri.ToString().TrimEnd('/');
    }
}
