using System.Net;
using System.Net.Sockets;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;
using Microsoft.Extensions.Logging;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Agent.Proxy;

/// <summary>
/// This node's service proxy. It watches Services and their Endpoints and, for every service port,
/// listens on the Service's cluster IP, for NodePort Services on its node port, and for LoadBalancer
/// Services on its port at the node's address, forwarding to the
/// ready addresses the Endpoints list, on whichever node they are. Pods are read only for the version
/// label that canary weights name. Ports named <c>http…</c> or with appProtocol <c>http</c> are proxied per request and
/// counted by version; the counts are served on /metrics and published to the store for canary analysis.
/// </summary>
public sealed class ServiceProxy(SharedInformers informers, ObjectClient client, AgentOptions options, TrafficCounters counters, ILogger logger)
{
    private static readonly TimeSpan PublishInterval = TimeSpan.FromSeconds(2);

    private readonly ClusterIPBinder _clusterIPs = new(logger);
    private readonly Dictionary<IPEndPoint, IServiceListener> _listeners = [];
    private readonly HashSet<IPEndPoint> _failed = [];
    private readonly SemaphoreSlim _changed = new(0);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var services = informers.For(Kinds.Service);
        var endpoints = informers.For(Kinds.Endpoints);
        var pods = informers.For(Kinds.Pod);
        services.Changed += (_, _, _) => _changed.Release();
        endpoints.Changed += (_, _, _) => _changed.Release();
        pods.Changed += (_, _, _) => _changed.Release();
        var publishing = PublishAsync(cancellationToken);
        var caches = Task.CompletedTask;
        try
        {
            caches = await informers.WaitForSyncAsync([Kinds.Service, Kinds.Endpoints, Kinds.Pod], cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                await ReconcileAsync(services.Objects.OfType<Service>().ToList(),
                    key => endpoints.Get(key) as Endpoints, key => pods.Get(key) as Pod, cancellationToken);
                await _changed.WaitAsync(cancellationToken);
                while (_changed.CurrentCount > 0) await _changed.WaitAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var listener in _listeners.Values) await listener.DisposeAsync();
            _listeners.Clear();
        }
        await Task.WhenAll(caches, publishing).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ReconcileAsync(IReadOnlyList<Service> services, Func<string, Endpoints?> endpointsOf, Func<string, Pod?> podOf, CancellationToken cancellationToken)
    {
        var desired = new Dictionary<IPEndPoint, (string Service, bool Http, BackendPool Pool)>();
        foreach (var service in services.Where(s => s.Spec.Type != "ExternalName"))
        {
            var endpoints = endpointsOf(ObjectKeys.For(Kinds.Endpoints, service.Namespace, service.Name));
            var name = NodeTraffic.ServiceKey(service);
            var weights = TrafficWeights.Of(service);
            foreach (var port in service.Spec.Ports ?? [])
            {
                if ((port.Protocol ?? "TCP") != "TCP") continue;
                var backends = ServiceBackends.Of(service, port, endpoints, podOf);
                // Traffic from outside the cluster goes only to this node's pods under externalTrafficPolicy Local.
                var external = service.Spec.ExternalTrafficPolicy == "Local" ? backends.Where(b => b.Node == options.NodeName).ToList() : backends;
                var http = IsHttp(port);
                if (ServiceAddresses.ClusterIP(service) is { } clusterIP && _clusterIPs.TryBind(clusterIP))
                    desired[new IPEndPoint(IPAddress.Parse(clusterIP), port.Port)] = (name, http, new BackendPool(backends, weights, BackendPool.ClientRules.Of(service, balancerListener: false)));
                if (ServiceAddresses.NodePort(service, port) is { } nodePort && ServiceAddresses.InNodePortRange(nodePort))
                    desired[new IPEndPoint(IPAddress.Any, nodePort)] = (name, http, new BackendPool(external, weights, BackendPool.ClientRules.Of(service, balancerListener: false)));
                // A LoadBalancer Service is served on the Service's own port at the node's address, as k3s's service load balancer does.
                if (service.Spec.Type == "LoadBalancer" && IPAddress.TryParse(options.Address, out var nodeAddress))
                    desired[new IPEndPoint(nodeAddress, port.Port)] = (name, http, new BackendPool(external, weights, BackendPool.ClientRules.Of(service, balancerListener: true)));
            }
        }

        foreach (var (endpoint, listener) in _listeners.Where(pair => !desired.TryGetValue(pair.Key, out var want) || want.Http != pair.Value.IsHttp).ToList())
        {
            _listeners.Remove(endpoint);
            await listener.DisposeAsync();
        }
        foreach (var (endpoint, (service, http, pool)) in desired)
        {
            if (!_listeners.TryGetValue(endpoint, out var listener))
            {
                try
                {
                    listener = http
                        ? await HttpServiceListener.StartAsync(endpoint, service, counters, cancellationToken)
                        : new TcpServiceListener(endpoint, service, counters, logger);
                    _listeners[endpoint] = listener;
                    _failed.Remove(endpoint);
                    logger.LogInformation("Proxy for service {Service} listening on {Endpoint} ({Mode})", service, endpoint, http ? "http" : "tcp");
                }
                catch (Exception e) when (e is SocketException or IOException)
                {
                    if (_failed.Add(endpoint))
                        logger.LogWarning("Proxy for service {Service} cannot listen on {Endpoint}: {Error}", service, endpoint, e.Message);
                    continue;
                }
            }
            if (!listener.Pool.SameAs(pool)) listener.Pool = pool;
        }
    }

    private static bool IsHttp(ServicePort port) =>
        port.AppProtocol?.StartsWith("http", StringComparison.OrdinalIgnoreCase) == true
        || port.Name?.StartsWith("http", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Publishes this node's counts to the store when they changed, so the engine can judge canaries without scraping.</summary>
    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        string? published = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PublishInterval, cancellationToken);
                var snapshot = counters.Snapshot(options.NodeName, DateTimeOffset.UtcNow);
                var services = System.Text.Json.JsonSerializer.Serialize(snapshot.Services, ObjectJson.Options);
                if (services == published) continue;
                await client.Store.PutAsync(Buckets.Meta, NodeTraffic.KeyFor(options.NodeName), ObjectJson.ToBytes(snapshot), cancellationToken);
                published = services;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogDebug("Publishing proxy traffic failed: {Error}", e.Message);
            }
        }
    }
}
