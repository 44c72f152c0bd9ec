using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Hosting;

/// <summary>A Kestrel app on one endpoint that logs nothing of its own: the agent's endpoint and the proxy's HTTP listeners.</summary>
public static class LocalWebApp
{
    public static WebApplicationBuilder CreateBuilder(IPEndPoint endpoint)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        return builder;
    }

    /// <summary>The port the app listens on, which differs from the one asked for when that was 0.</summary>
    public static int Port(WebApplication app) => new Uri(app.Urls.First()).Port;
}
