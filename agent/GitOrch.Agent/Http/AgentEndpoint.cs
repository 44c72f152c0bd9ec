using System.Net;
using GitOrch.Agent.Proxy;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using GitOrch.Agent.Hosting;

namespace GitOrch.Agent.Http;

/// <summary>
/// The agent's HTTP face, which the CLI and scrapers use: <c>/metrics</c> (proxy traffic),
/// <c>/healthz</c>, and a pod's container logs and exec. Its port goes into the Node's status.
/// Logs and exec need the agent's token (<see cref="AgentToken"/>); without it a caller gets 401.
/// </summary>
public sealed class AgentEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AgentEndpoint(WebApplication app) => _app = app;

    public int Port => LocalWebApp.Port(_app);

    public static async Task<AgentEndpoint> StartAsync(IPEndPoint listen, string token, ObjectClient client, IContainerRuntime runtime, TrafficCounters traffic, CancellationToken cancellationToken)
    {
        var app = LocalWebApp.CreateBuilder(listen).Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/pods") && !AgentToken.Matches(context.Request.Headers.Authorization, token))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync("the agent's token is required for logs and exec");
                return;
            }
            await next(context);
        });
        var containers = new PodContainers(client, runtime);
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/metrics", () => Results.Text(traffic.Prometheus(), "text/plain; version=0.0.4"));
        app.MapGet("/pods/{ns}/{pod}/logs", async (HttpContext context, string ns, string pod, string? container, bool? follow, int? tail, bool? previous) =>
        {
            var id = await containers.FindAsync(ns, pod, container, previous == true, context.RequestAborted);
            context.Response.ContentType = "text/plain; charset=utf-8";
            await runtime.WriteLogsAsync(id, new LogRequest(follow == true, tail), context.Response.Body, context.RequestAborted);
        });
        app.MapPost("/pods/{ns}/{pod}/exec", async (HttpContext context, string ns, string pod, string? container, [Microsoft.AspNetCore.Mvc.FromBody] string[] command) =>
        {
            var id = await containers.FindAsync(ns, pod, container, previous: false, context.RequestAborted);
            return Results.Json(await runtime.ExecAsync(id, command, TimeSpan.FromMinutes(10), context.RequestAborted));
        });
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (PodContainers.NotFound e)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync(e.Message);
            }
            catch (PodStartException e)
            {
                context.Response.StatusCode = StatusCodes.Status409Conflict;
                await context.Response.WriteAsync(e.Message);
            }
        });
        await app.StartAsync(cancellationToken);
        return new AgentEndpoint(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
