using System.Diagnostics;
using System.Net;
using GitOrch.Agent.Hosting;
using GitOrch.Agent.Proxy;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace GitOrch.Agent.Ingresses;

/// <summary>
/// Serves the cluster's Ingresses on this node's address (HTTP and HTTPS ports), routing by host and
/// path to the ready addresses of the backend Service's Endpoints, with the Service's canary weights,
/// and counting each request for canary analysis as the service proxy does. HTTPS picks its
/// certificate by SNI from the tls Secrets. An Ingress whose class names an IngressClass of another
/// controller is left to that controller.
/// </summary>
public sealed class IngressServer(SharedInformers informers, AgentOptions options, TrafficCounters counters, ILogger logger)
{
    public const string Controller = "gitorch.io/ingress";

    private readonly Dictionary<string, BackendPool> _pools = [];
    private volatile IngressRoutes _routes = new([]);
    private volatile IReadOnlyList<Ingress> _served = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.IngressHttpPort == 0 && options.IngressHttpsPort == 0) return;
        var ingresses = informers.For(Kinds.Ingress);
        var classes = informers.For(Kinds.IngressClass);
        var services = informers.For(Kinds.Service);
        var endpoints = informers.For(Kinds.Endpoints);
        var pods = informers.For(Kinds.Pod);
        var secrets = informers.For(Kinds.Secret);
        void Refresh()
        {
            var served = ingresses.Objects.OfType<Ingress>().Where(ingress => IsOurs(ingress, classes)).ToList();
            _served = served;
            _routes = new IngressRoutes(served);
        }
        ingresses.Changed += (_, _, _) => Refresh();
        classes.Changed += (_, _, _) => Refresh();
        var watching = await informers.WaitForSyncAsync([Kinds.Ingress, Kinds.IngressClass, Kinds.Service, Kinds.Endpoints, Kinds.Pod, Kinds.Secret], cancellationToken);
        Refresh();
        var certificates = new IngressCertificates(() => _served, (ns, name) => secrets.Get(ObjectKeys.For(Kinds.Secret, ns, name)) as Secret);
        var app = Build(certificates);
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        app.Run(context => ForwardAsync(context, forwarder,
            key => services.Get(key) as Service, key => endpoints.Get(key) as Endpoints, key => pods.Get(key) as Pod));
        try
        {
            await app.StartAsync(cancellationToken);
            logger.LogInformation("Ingress served on {Address}, HTTP port {Http}, HTTPS port {Https}", options.Address, options.IngressHttpPort, options.IngressHttpsPort);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            logger.LogWarning("Ingress cannot be served on {Address} ({Error}); another process holds the ports", options.Address, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await app.DisposeAsync();
        }
        await watching.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private WebApplication Build(IngressCertificates certificates)
    {
        var builder = LocalWebApp.CreateBuilder();
        var address = IPAddress.Parse(options.Address);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (options.IngressHttpPort > 0) kestrel.Listen(address, options.IngressHttpPort);
            if (options.IngressHttpsPort > 0)
                kestrel.Listen(address, options.IngressHttpsPort, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificateSelector = (_, serverName) => certificates.For(serverName),
                }));
        });
        builder.Services.AddHttpForwarder();
        return builder.Build();
    }

    private static bool IsOurs(Ingress ingress, ObjectCache classes) =>
        ingress.Spec.IngressClassName is not { } name
        || classes.Get(ObjectKeys.For(Kinds.IngressClass, null, name)) is not IngressClass known
        || known.Spec.Controller == Controller;

    private async Task ForwardAsync(HttpContext context, IHttpForwarder forwarder, Func<string, Service?> serviceOf, Func<string, Endpoints?> endpointsOf, Func<string, Pod?> podOf)
    {
        if (_routes.Match(context.Request.Host.Host, context.Request.Path.Value ?? "/") is not { } route)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"no Ingress rule for {context.Request.Host}{context.Request.Path}\n");
            return;
        }
        var ns = route.Ingress.Namespace ?? WellKnown.DefaultNamespace;
        var service = serviceOf(ObjectKeys.For(Kinds.Service, ns, route.Backend.Name));
        var port = service?.Spec.Ports?.FirstOrDefault(p => route.Backend.Port.Number is { } number ? p.Port == number : p.Name == route.Backend.Port.Name);
        if (service is null || port is null || Pool(service, port, endpointsOf, podOf).Pick(context.Connection.RemoteIpAddress) is not { } backend)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync($"service {ns}/{route.Backend.Name} has no ready endpoints\n");
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var error = await forwarder.SendAsync(context, $"http://{backend.Address}:{backend.Port}/", BackendHttp.Invoker, ForwarderRequestConfig.Empty, HttpTransformer.Default);
        counters.Record(NodeTraffic.ServiceKey(service), backend, error == ForwarderError.None ? context.Response.StatusCode : null, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The service port's pool, kept while its backends and weights stay the same, so weighted picks keep their sequence.</summary>
    private BackendPool Pool(Service service, ServicePort port, Func<string, Endpoints?> endpointsOf, Func<string, Pod?> podOf)
    {
        var fresh = new BackendPool(ServiceBackends.Of(service, port, endpointsOf(ObjectKeys.For(Kinds.Endpoints, service.Namespace, service.Name)), podOf),
            TrafficWeights.Of(service), BackendPool.ClientRules.Of(service, balancerListener: false));
        var key = $"{NodeTraffic.ServiceKey(service)}:{port.Port}";
        lock (_pools)
        {
            if (_pools.TryGetValue(key, out var kept) && kept.SameAs(fresh)) return kept;
            _pools[key] = fresh;
            return fresh;
        }
    }
}
