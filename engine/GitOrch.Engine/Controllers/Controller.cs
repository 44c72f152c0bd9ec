using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Controllers;

/// <summary>
/// A level-triggered controller: watches enqueue object keys, one worker reconciles each key from the
/// latest state, failures retry with exponential back-off, and a periodic resync catches anything missed.
/// </summary>
public abstract class Controller(ObjectClient client, ILogger logger)
{
    private static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly WorkQueue _queue = new();
    private readonly Dictionary<string, int> _failures = [];

    protected ObjectClient Client => client;
    protected ILogger Logger => logger;

    /// <summary>The kind this controller reconciles; its keys are the work items.</summary>
    protected abstract KindInfo Primary { get; }

    /// <summary>Kinds whose changes may affect a primary object in the same namespace.</summary>
    protected virtual IReadOnlyList<KindInfo> Related => [];

    protected abstract Task ReconcileAsync(string ns, string name, CancellationToken cancellationToken);

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var tasks = new List<Task>
        {
            WatchPrimaryAsync(cancellationToken),
            ResyncAsync(cancellationToken),
            WorkAsync(cancellationToken),
        };
        tasks.AddRange(Related.Select(kind => WatchRelatedAsync(kind, cancellationToken)));
        return Task.WhenAll(tasks);
    }

    private async Task WatchPrimaryAsync(CancellationToken cancellationToken)
    {
        await foreach (var change in Client.WatchAsync(Primary, cancellationToken))
            _queue.Add(change.Key);
    }

    /// <summary>A related object changed: every primary object in its namespace is looked at again.</summary>
    private async Task WatchRelatedAsync(KindInfo kind, CancellationToken cancellationToken)
    {
        await foreach (var change in Client.WatchAsync(kind, cancellationToken))
        {
            var (ns, _) = ObjectClient.ParseKey(change.Key);
            await EnqueueAllAsync(kind.Namespaced && Primary.Namespaced ? ns : null, cancellationToken);
        }
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(ResyncInterval, cancellationToken);
            await EnqueueAllAsync(null, cancellationToken);
        }
    }

    private async Task EnqueueAllAsync(string? ns, CancellationToken cancellationToken)
    {
        foreach (var entry in await Client.Store.ListAsync(Buckets.Objects, ObjectKeys.Prefix(Primary, ns), cancellationToken))
            _queue.Add(entry.Key);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = await _queue.TakeAsync(cancellationToken);
            var (ns, name) = ObjectClient.ParseKey(key);
            using var scope = logger.BeginScope("{Kind} {Namespace}/{Name}", Primary.Kind, ns, name);
            try
            {
                await ReconcileAsync(ns, name, cancellationToken);
                _failures.Remove(key);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var attempt = _failures[key] = _failures.GetValueOrDefault(key) + 1;
                var delay = Backoff(attempt);
                if (e is ConflictException)
                    logger.LogDebug("Conflict reconciling {Key}, retrying in {Delay}", key, delay);
                else
                    logger.LogWarning("Reconciling {Key} failed, retrying in {Delay}: {Error}", key, delay, e.Message);
                _queue.AddAfter(key, delay, cancellationToken);
            }
        }
    }

    private static TimeSpan Backoff(int attempt)
    {
        var milliseconds = Math.Min(MaxBackoff.TotalMilliseconds, 50 * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(milliseconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}
