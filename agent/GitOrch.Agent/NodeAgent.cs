using System.Net;
using GitOrch.Agent.Dns;
using GitOrch.Agent.Http;
using GitOrch.Agent.Network;
using GitOrch.Agent.Node;
using GitOrch.Agent.Pods;
using GitOrch.Agent.Proxy;
using GitOrch.Agent.Runtime;
using GitOrch.Agent.Storage;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent;

/// <summary>One node's agent: registers the node, joins the pod network, heartbeats, runs the pods bound to it, measures their usage, makes local-path volumes, proxies Services, serves cluster DNS and Ingresses, and serves logs, exec and metrics.</summary>
public static class NodeAgent
{
    /// <param name="informers">The process's shared caches, when the agent runs beside the control plane (as in <c>up</c>).</param>
    public static async Task RunAsync(ObjectClient client, AgentOptions options, ILoggerFactory loggers, CancellationToken cancellationToken,
        SharedInformers? informers = null)
    {
        var logger = loggers.CreateLogger("GitOrch.Agent");
        await using var runtime = await CreateRuntimeAsync(options, logger, cancellationToken);
        logger.LogInformation("Agent for node {Node} on the {Runtime} runtime", options.NodeName, runtime.Name);
        var traffic = new TrafficCounters();
        await using var endpoint = options.Listen is { } listen
            ? await AgentEndpoint.StartAsync(IPEndPoint.Parse(listen), AgentToken.Create(options.NodeName), options.EndpointTls, client, runtime, traffic, cancellationToken)
            : null;
        if (endpoint is not null) logger.LogInformation("Agent endpoint on port {Port}: /metrics, /healthz, logs and exec", endpoint.Port);
        var registration = new NodeRegistration(client, options, runtime.Name, logger) { EndpointPort = endpoint?.Port };
        var node = await registration.RegisterAsync(cancellationToken);
        informers ??= new SharedInformers(client);
        var routes = await new PodNetwork(informers, runtime, options, logger).StartAsync(cancellationToken);
        var pods = new PodSync(client, informers, runtime, options, logger);
        var provisioner = new LocalPathProvisioner(informers, client, options.NodeName, new PodVolumes(options.StateDirectory).ProvisionedVolumes, loggers.CreateLogger("GitOrch.LocalPath"));
        var usage = new PodUsagePublisher(runtime, informers, client, options.NodeName, logger);
        var tasks = new List<Task> { routes, registration.RunHeartbeatsAsync(node, cancellationToken), pods.RunAsync(cancellationToken), provisioner.RunAsync(cancellationToken), usage.RunAsync(cancellationToken) };
        if (options.ServiceProxy)
        {
            tasks.Add(new ServiceProxy(informers, client, options, traffic, loggers.CreateLogger("GitOrch.Proxy")).RunAsync(cancellationToken));
            tasks.Add(new ClusterDnsServer(informers, loggers.CreateLogger("GitOrch.Dns")).RunAsync(cancellationToken));
            tasks.Add(new Ingresses.IngressServer(informers, options, traffic, loggers.CreateLogger("GitOrch.Ingress")).RunAsync(cancellationToken));
        }
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            // A part that fails while everything stops must not keep the node from saying it stopped.
            if (e is not OperationCanceledException) logger.LogWarning("While stopping: {Error}", e.ToString());
        }
        finally
        {
            await SayStoppedAsync(registration, node, logger);
        }
    }

    /// <summary>Marks the node NotReady on the way out; a store that does not answer within seconds leaves it to the heartbeat's staleness.</summary>
    private static async Task SayStoppedAsync(NodeRegistration registration, Api.Model.Node node, ILogger logger)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await registration.MarkStoppedAsync(node, deadline.Token);
            logger.LogInformation("Node {Node} marked NotReady", node.Name);
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not mark node {Node} NotReady: {Error}", node.Name, e.Message);
        }
    }

    public static async Task<IContainerRuntime> CreateRuntimeAsync(AgentOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        IContainerRuntime ProcessRuntime() => new ProcessRuntime(options.NodeName, new PodVolumes(options.StateDirectory).PodDirectory, logger);
        switch (options.Runtime)
        {
            case "process":
                return ProcessRuntime();
            case "docker":
                return await DockerRuntime.TryConnectAsync(options, logger, cancellationToken)
                    ?? throw new RuntimeUnavailableException($"no Docker daemon answers at {options.DockerEndpoint}");
            case "auto":
                return await DockerRuntime.TryConnectAsync(options, logger, cancellationToken) ?? ProcessRuntime();
            default:
                throw new ArgumentException($"unknown runtime \"{options.Runtime}\" (use docker, process or auto)");
        }
    }
}

/// <summary>The container runtime asked for cannot be reached.</summary>
public sealed class RuntimeUnavailableException(string message) : Exception(message);
