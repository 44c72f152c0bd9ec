using System.Net;
using GitOrch.Agent.Proxy;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Store;
using System.Security.Cryptography.X509Certificates;
using GitOrch.Store.Nats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using GitOrch.Agent.Hosting;

namespace GitOrch.Agent.Http;

/// <summary>
/// The agent's HTTP face, which the CLI and scrapers use: <c>/metrics</c> (proxy traffic),
/// <c>/healthz</c>, and a pod's container logs, exec and port-forward (a WebSocket carried to the pod's port). Its port goes into the Node's status.
/// Logs and exec need the agent's token (<see cref="AgentToken"/>); without it a caller gets 401. With
/// <see cref="AgentEndpointTls"/> it serves TLS only to callers with a certificate from the cluster CA, and
/// logs and exec only to the admin and server roles (403 for any other).
/// </summary>
public sealed class AgentEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AgentEndpoint(WebApplication app) => _app = app;

    public int Port => LocalWebApp.Port(_app);

    public static async Task<AgentEndpoint> StartAsync(IPEndPoint listen, string token, AgentEndpointTls? tls, ObjectClient client, IContainerRuntime runtime, TrafficCounters traffic,
        CancellationToken cancellationToken)
    {
        var builder = LocalWebApp.CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listen, endpoint =>
        {
            if (tls is not null)
                endpoint.UseHttps(https =>
                {
                    https.ServerCertificate = tls.Certificate;
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => ClusterTrust.ChainsTo(certificate, tls.Authority);
                });
        }));
        var app = builder.Build();
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/pods") && Refusal(context, token, tls) is var (status, message))
            {
                context.Response.StatusCode = status;
                await context.Response.WriteAsync(message);
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
        app.Map("/pods/{ns}/{pod}/portforward", async (HttpContext context, string ns, string pod, int port) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
                return Results.BadRequest("port-forward takes a WebSocket");
            var target = await PortTunnel.PodWithAddressAsync(client, ns, pod, context.RequestAborted);
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await PortTunnel.RunAsync(socket, target.Status!.PodIP!, port, context.RequestAborted);
            return Results.Empty;
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

    /// <summary>Why a call to logs or exec is refused: without TLS, a missing token; with it, a role other than admin or server.</summary>
    private static (int Status, string Message)? Refusal(HttpContext context, string token, AgentEndpointTls? tls)
    {
        if (tls is null)
            return AgentToken.Matches(context.Request.Headers.Authorization, token) ? null : (StatusCodes.Status401Unauthorized, "the agent's token is required for logs and exec");
        var caller = context.Connection.ClientCertificate!;
        var role = ClusterTrust.RoleOf(caller);
        return role is not null && AgentEndpointTls.PodAccessRoles.Contains(role) ? null
            : (StatusCodes.Status403Forbidden, $"{caller.GetNameInfo(X509NameType.SimpleName, forIssuer: false)} (role {role ?? "none"}) may not call logs or exec; the admin and server credentials may");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
