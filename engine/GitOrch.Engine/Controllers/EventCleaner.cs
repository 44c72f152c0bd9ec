using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>Deletes events older than the event TTL (an hour by default), as Kubernetes does.</summary>
public sealed class EventCleaner(ControllerContext context)
{
    private readonly ILogger _logger = context.Loggers.CreateLogger<EventCleaner>();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, context.Options.EventTtl.Ticks / 10));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await CleanAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning("Cleaning expired events failed: {Error}", e.Message);
            }
            await Task.Delay(interval, context.Clock, cancellationToken);
        }
    }

    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = context.Clock.GetUtcNow() - context.Options.EventTtl;
        var expired = (await context.Client.ListSpecsAsync(Kinds.Event, cancellationToken))
            .Where(e => (((Event)e).FirstTimestamp ?? e.Metadata.CreationTimestamp) < cutoff)
            .ToList();
        foreach (var e in expired)
            await context.Client.DeleteAsync(e, cancellationToken);
        return expired.Count;
    }
}
