using GitOrch.Agent.Node;
using GitOrch.Agent.Pods;
using GitOrch.Agent.Runtime;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent;

/// <summary>One node's agent: registers the node, heartbeats, and runs the pods bound to it.</summary>
public static class NodeAgent
{
    public static async Task RunAsync(ObjectClient client, AgentOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("GitOrch.Agent");
        await using var runtime = await CreateRuntimeAsync(options, logger, cancellationToken);
        logger.LogInformation("Agent for node {Node} on the {Runtime} runtime", options.NodeName, runtime.Name);
        var registration = new NodeRegistration(client, options, runtime.Name, logger);
        var node = await registration.RegisterAsync(cancellationToken);
        var pods = new PodSync(client, runtime, options, logger);
        try
        {
            await Task.WhenAll(registration.RunHeartbeatsAsync(node, cancellationToken), pods.RunAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public static async Task<IContainerRuntime> CreateRuntimeAsync(AgentOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        IContainerRuntime ProcessRuntime() => new ProcessRuntime(new Pods.PodVolumes(options.StateDirectory), logger);
        switch (options.Runtime)
        {
            case "process":
                return ProcessRuntime();
            case "docker":
                return await DockerRuntime.TryConnectAsync(options, logger, cancellationToken)
                    ?? throw new RuntimeUnavailableException($"no Docker daemon answers at {options.DockerEndpoint}");
            case "auto":
                return await DockerRuntime.TryConnectAsync(options, logger, cancellationToken)
                    ?? ProcessRuntime();
            default:
                throw new ArgumentException($"unknown runtime \"{options.Runtime}\" (use docker, process or auto)");
        }
    }
}

/// <summary>The container runtime asked for cannot be reached.</summary>
public sealed class RuntimeUnavailableException(string message) : Exception(message);
