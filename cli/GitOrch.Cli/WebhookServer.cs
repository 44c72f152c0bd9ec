using GitOrch.Engine.Git;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GitOrch.Cli;

/// <summary>
/// <c>POST /hooks/git</c>: a GitHub or GitLab push hook, or any empty POST, wakes the sync at once. The
/// body is not trusted for anything; the sync reads the repository itself.
/// </summary>
public static class WebhookServer
{
    public static async Task RunAsync(string address, GitSyncLoop loop, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address.Contains("://", StringComparison.Ordinal) ? address : $"http://{address}");
        await using var app = builder.Build();
        app.MapPost("/hooks/git", () =>
        {
            loop.TriggerNow();
            return Results.Accepted(value: new { sync = "started" });
        });
        app.MapGet("/healthz", () => Results.Ok("ok"));
        try
        {
            await app.StartAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, CancellationToken.None);
            await app.StopAsync(CancellationToken.None);
        }
        catch (IOException e)
        {
            throw new ArgumentException($"--listen {address}: {e.Message}");
        }
    }
}
