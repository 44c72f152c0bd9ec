using System.Collections.Concurrent;
using System.Diagnostics;
using GitOrch.Api.Model;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Reconciling;

/// <summary>
/// A level-triggered controller. Changes seen by the process's shared caches put object keys on a
/// de-duplicating work queue; several workers reconcile them, one worker per key at a time, each from the
/// latest state, once the caches hold the whole list. A failed reconcile retries with exponential
/// back-off and jitter (a <see cref="TerminalException"/> does not), a reconcile may ask for another
/// look later, and a periodic resync catches anything missed.
/// </summary>
public abstract class Controller
{
    private static readonly TimeSpan BaseBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly WorkQueue _queue;
    private readonly ConcurrentDictionary<string, int> _failures = [];

    protected Controller(ControllerContext context)
    {
        Context = context;
        Logger = context.Loggers.CreateLogger(GetType());
        _queue = new WorkQueue(context.Clock);
    }

    protected ControllerContext Context { get; }
    protected ObjectClient Client => Context.Client;
    protected TimeProvider Clock => Context.Clock;
    protected EventRecorder Events => Context.Events;
    protected ILogger Logger { get; }

    /// <summary>The kind this controller reconciles; its keys are the work items.</summary>
    protected abstract KindInfo Primary { get; }

    /// <summary>Kinds whose changes may affect a primary object.</summary>
    protected virtual IReadOnlyList<KindInfo> Related => [];

    /// <summary>Brings one object's world in line with its spec, reading the latest state first.</summary>
    public abstract Task<ReconcileResult> ReconcileAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>
    /// The primary keys a change to a related object wakes: by default, its owners of the primary kind.
    /// The object before the change still names them when the change is a delete.
    /// </summary>
    protected virtual IEnumerable<string> PrimaryKeysFor(KindInfo related, string key, KubeObject? before, KubeObject? after)
    {
        var (ns, _) = ObjectKeys.Parse(key);
        return (after ?? before)?.Metadata.OwnerReferences?.Where(owner => owner.Kind == Primary.Kind).Select(owner => ObjectKeys.For(Primary, ns, owner.Name)) ?? [];
    }

    /// <summary>The primary object as the process's cache holds it: a change to it is what woke this reconcile.</summary>
    protected T? CachedPrimary<T>(string ns, string name) where T : KubeObject => PrimaryCache.Get(ObjectKeys.For(Primary, ns, name)) as T;

    private ObjectCache PrimaryCache => Context.Informers.For(Primary);

    /// <summary>Keys reconciled though no object stands behind them, at start and at every resync.</summary>
    protected virtual IEnumerable<string> StandingKeys => [];

    /// <summary>Creates an object the cluster keeps by default; false when it exists already (made meanwhile by Git or another server).</summary>
    protected async Task<bool> CreateIfMissingAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        try
        {
            await Client.CreateAsync(obj, cancellationToken);
            return true;
        }
        catch (ConflictException)
        {
            return false;
        }
    }

    /// <summary>Every primary key the cache holds, in one namespace or (null) in all.</summary>
    protected IEnumerable<string> AllKeys(string? ns)
    {
        var prefix = ObjectKeys.Prefix(Primary, ns);
        return PrimaryCache.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal));
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ControllerMetrics.Track(GetType().Name, _queue);
        var primary = PrimaryCache;
        primary.Changed += (key, _, _) => _queue.Add(key);
        foreach (var kind in Related)
            Context.Informers.For(kind).Changed += (key, before, after) =>
            {
                foreach (var owner in PrimaryKeysFor(kind, key, before, after))
                    _queue.Add(owner);
            };
        var watches = await Context.Informers.WaitForSyncAsync([Primary, .. Related], cancellationToken);
        foreach (var key in primary.Keys.Concat(StandingKeys))
            _queue.Add(key);
        var tasks = new List<Task> { watches, ResyncAsync(cancellationToken) };
        tasks.AddRange(Enumerable.Range(0, Math.Max(1, Context.Options.Workers)).Select(_ => _queue.ProcessAsync(key => ReconcileKeyAsync(key, cancellationToken), cancellationToken)));
        await Task.WhenAll(tasks);
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Context.Options.ResyncInterval, Clock, cancellationToken);
            foreach (var key in AllKeys(null).Concat(StandingKeys))
                _queue.Add(key);
        }
    }

    private async Task ReconcileKeyAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKeys.Parse(key);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await ReconcileAsync(ns, name, cancellationToken);
            ControllerMetrics.Record(GetType().Name, started, failed: false);
            _failures.TryRemove(key, out _);
            if (result.RequeueAfter is { } delay) _queue.AddAfter(key, delay);
        }
        catch (TerminalException e) when (!cancellationToken.IsCancellationRequested)
        {
            ControllerMetrics.Record(GetType().Name, started, failed: true);
            _failures.TryRemove(key, out _);
            Logger.LogWarning("Reconciling {Key} failed and will not be retried until the object changes: {Error}", key, e.Message);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            ControllerMetrics.Record(GetType().Name, started, failed: true);
            var delay = Backoff(_failures.AddOrUpdate(key, 1, (_, attempts) => attempts + 1));
            if (e is ConflictException)
                Logger.LogDebug("Conflict reconciling {Key}, retrying in {Delay}", key, delay);
            else
                Logger.LogWarning("Reconciling {Key} failed, retrying in {Delay}: {Error}", key, delay, e.Message);
            _queue.AddAfter(key, delay);
        }
    }

    /// <summary>Doubles from 50 ms up to 30 s, with ±20% jitter so that retries of many keys spread out.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var milliseconds = Math.Min(MaxBackoff.TotalMilliseconds, BaseBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds(milliseconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}
