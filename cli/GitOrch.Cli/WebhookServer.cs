using GitOrch.Agent.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli;

/// <summary>
/// <c>POST /hooks/git</c>: a GitHub or GitLab push hook, or any empty POST, wakes the sync at once. The
/// body is not trusted for anything; the sync reads the repository itself.
/// </summary>
public static class WebhookServer
{
    /// <summary>The URL Kestrel listens on for a <c>host:port</c> (or http:// URL), or null when the port is missing or invalid.</summary>
    public static string? ListenUrl(string address)
    {
        var url = address.Contains("://", StringComparison.Ordinal) ? address : $"http://{address}";
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsDefaultPort && uri.AbsolutePath == "/"
            ? url
            : null;
    }

    /// <summary>Binds and starts serving at once, so a port in use fails before anything else runs; disposing stops it.</summary>
    public static async Task<IAsyncDisposable> StartAsync(string address, GitSyncLoop loop, CancellationToken cancellationToken)
    {
        var builder = LocalWebApp.CreateBuilder();
        builder.WebHost.UseUrls(ListenUrl(address) ?? throw new ArgumentException($"--listen \"{address}\" is not host:port"));
        var app = builder.Build();
        app.MapPost("/hooks/git", () =>
        {
            loop.TriggerNow();
            return Results.Accepted(value: new { sync = "started" });
        });
        app.MapGet("/healthz", () => Results.Ok("ok"));
        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new ArgumentException($"--listen {address}: {e.Message}");
        }
    }
}
