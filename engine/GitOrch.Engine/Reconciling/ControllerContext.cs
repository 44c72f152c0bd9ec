using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Reconciling;

/// <summary>What every controller shares: the store, the process's caches, a clock tests can move, logging, events and the tunables.</summary>
public sealed record ControllerContext(ObjectClient Client, SharedInformers Informers, ILoggerFactory Loggers, TimeProvider Clock, ControlPlaneOptions Options)
{
    public EventRecorder Events { get; } = new(Client, "controller-manager", Clock);

    public static ControllerContext Create(ObjectClient client, ILoggerFactory loggers, ControlPlaneOptions? options = null, TimeProvider? clock = null,
        SharedInformers? informers = null) =>
        new(client, informers ?? new SharedInformers(client), loggers, clock ?? TimeProvider.System, options ?? new ControlPlaneOptions());
}
