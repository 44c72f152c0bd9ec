using System.Collections.Concurrent;
using GitOrch.Agent.Probes;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Agent.Pods;

/// <summary>What every pod worker on a node shares: the store, the runtime, probes, the stopper, and a way to wake the sync.</summary>
public sealed class PodAgentServices(ObjectClient client, IContainerRuntime runtime, AgentOptions options, ILogger logger, TimeProvider clock, Action wake)
{
    private readonly EventRecorder _events = new(client, $"agent/{options.NodeName}", clock);

    public ObjectClient Client => client;
    public IContainerRuntime Runtime => runtime;
    public AgentOptions Options => options;
    public ILogger Logger => logger;
    public TimeProvider Clock => clock;
    public RestartBackoff Backoff { get; } = new(options.RestartBackoff);
    public PodVolumes Volumes { get; } = new(options.StateDirectory);
    public ContainerStopper Stopper { get; } = new(runtime, clock);
    public PodSecurityCheck Security { get; } = new(client, options.AllowedHostPaths);

    /// <summary>Containers being stopped in the background, by id; they count as not ready until gone.</summary>
    public ConcurrentDictionary<string, RuntimeContainer> Stopping { get; } = new();

    public ContainerProbes Probes { get; } = new(runtime, clock, (_, _) => wake());

    public void Wake() => wake();

    /// <summary>Stops a container (preStop, then the grace period) without holding up the sync, once however often it is asked.</summary>
    public void StopInBackground(Pod pod, RuntimeContainer running, string? podIP)
    {
        if (!Stopping.TryAdd(running.Id, running)) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await Stopper.StopAsync(pod, running, podIP, CancellationToken.None);
            }
            finally
            {
                Stopping.TryRemove(running.Id, out _);
                wake();
            }
        }, CancellationToken.None);
    }

    /// <summary>Records an event about the pod; a store that cannot take it loses the event, not the sync.</summary>
    public async Task RecordAsync(Pod pod, string type, string reason, string message, CancellationToken cancellationToken)
    {
        try
        {
            await _events.RecordAsync(pod, type, reason, message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug("Event {Reason} for {Pod} not recorded: {Error}", reason, pod.Name, e.Message);
        }
    }
}
