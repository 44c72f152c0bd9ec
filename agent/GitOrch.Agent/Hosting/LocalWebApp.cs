using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Hosting;

/// <summary>
/// A Kestrel app that logs nothing of its own and watches no files: the agent's endpoint, the proxy's
/// HTTP listeners and the server's webhook.
/// </summary>
public static class LocalWebApp
{
    /// <summary>
    /// The default builder watches its settings files for changes, at the cost of one inotify instance
    /// per app; Linux allows 128 per user, and the proxy runs an app per HTTP Service port.
    /// </summary>
    private static readonly WebApplicationOptions NoFileWatching = new() { Args = ["--hostBuilder:reloadConfigOnChange=false"] };

    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder(NoFileWatching);
        builder.Logging.ClearProviders();
        return builder;
    }

    public static WebApplicationBuilder CreateBuilder(IPEndPoint endpoint)
    {
        var builder = CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        return builder;
    }

    /// <summary>The port the app listens on, which differs from the one asked for when that was 0.</summary>
    public static int Port(WebApplication app) => new Uri(app.Urls.First()).Port;
}
