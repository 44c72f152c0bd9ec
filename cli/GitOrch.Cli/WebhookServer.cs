using GitOrch.Agent.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli;

/// <summary>
/// <c>POST /hooks/git</c>: a GitHub or GitLab push hook wakes the sync at once. With a secret, a hook
/// must prove it knows it (see <see cref="WebhookSignature"/>) or gets 401; without one, any POST wakes
/// it, which is allowed only on a loopback address. The body is not trusted for anything else: the
/// sync reads the repository itself.
/// </summary>
public static class WebhookServer
{
    /// <summary>Binds and starts serving at once, so a port in use fails before anything else runs; disposing stops it.</summary>
    public static async Task<IAsyncDisposable> StartAsync(string address, byte[]? secret, GitSyncLoop loop, CancellationToken cancellationToken)
    {
        var url = ListenAddress.Url(address) ?? throw new ArgumentException($"--listen \"{address}\" is not host:port");
        if (secret is null && !ListenAddress.IsLoopback(url))
            throw new ArgumentException($"--listen {address} is reachable from other machines: give --webhook-secret-file so that only your Git host can trigger a sync");
        var builder = LocalWebApp.CreateBuilder();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapPost("/hooks/git", async (HttpRequest request) =>
        {
            if (secret is not null)
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
                if (WebhookSignature.Problem(request.Headers, body.ToArray(), secret) is { } problem)
                    return Results.Json(new { error = problem }, statusCode: StatusCodes.Status401Unauthorized);
            }
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
