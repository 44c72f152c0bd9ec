using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using GitOrch.Agent.Hosting;
using Yarp.ReverseProxy.Forwarder;

namespace GitOrch.Agent.Proxy;

/// <summary>
/// Forwards each HTTP request on its own (not each connection), so weights hold per request and the
/// counters see every status code and latency. Kestrel serves the port and YARP's forwarder relays.
/// </summary>
public sealed class HttpServiceListener : IServiceListener
{
    private readonly WebApplication _app;
    private readonly IHttpForwarder _forwarder;
    private readonly string _service;
    private readonly TrafficCounters _counters;

    private HttpServiceListener(WebApplication app, string service, TrafficCounters counters)
    {
        _app = app;
        _service = service;
        _counters = counters;
        _forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        app.Run(ForwardAsync);
    }

    public bool IsHttp => true;

    /// <summary>The port Kestrel listens on, which differs from the asked one when that was 0.</summary>
    public int Port => LocalWebApp.Port(_app);
    public BackendPool Pool { get; set; } = BackendPool.Empty;

    public static async Task<HttpServiceListener> StartAsync(IPEndPoint endpoint, string service, TrafficCounters counters, CancellationToken cancellationToken)
    {
        var builder = LocalWebApp.CreateBuilder(endpoint);
        builder.Services.AddHttpForwarder();
        var listener = new HttpServiceListener(builder.Build(), service, counters);
        await listener._app.StartAsync(cancellationToken);
        return listener;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var pool = Pool;
        var client = context.Connection.RemoteIpAddress;
        if (client is not null && !pool.Admits(client))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        if (pool.Pick(client) is not { } backend)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync($"service {_service} has no ready endpoints\n");
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var error = await _forwarder.SendAsync(context, $"http://{backend.Address}:{backend.Port}/", BackendHttp.Invoker, ForwarderRequestConfig.Empty, HttpTransformer.Default);
        _counters.Record(_service, backend, error == ForwarderError.None ? context.Response.StatusCode : null, Stopwatch.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
