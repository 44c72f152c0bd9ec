using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GitOrch.Engine.Reconciling;

/// <summary>
/// Controller metrics on the <c>GitOrch.Controllers</c> meter, each tagged with the controller's name:
/// reconciles, errors, reconcile latency and queue depth. <c>dotnet-counters</c> or any
/// MeterListener can read them.
/// </summary>
public static class ControllerMetrics
{
    public const string MeterName = "GitOrch.Controllers";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Reconciles = Meter.CreateCounter<long>("gitorch.controller.reconciles", description: "Reconciles run");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("gitorch.controller.errors", description: "Reconciles that failed and were retried");
    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>("gitorch.controller.reconcile.duration", "s", "Time spent in one reconcile");
    private static readonly ConcurrentDictionary<string, WorkQueue> Queues = new();

    static ControllerMetrics() =>
        Meter.CreateObservableGauge("gitorch.controller.queue.depth",
            () => Queues.Select(pair => new Measurement<int>(pair.Value.Depth, new KeyValuePair<string, object?>("controller", pair.Key))),
            description: "Keys waiting to be reconciled");

    public static void Track(string controller, WorkQueue queue) => Queues[controller] = queue;

    public static void Record(string controller, long startTimestamp, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("controller", controller);
        Reconciles.Add(1, tag);
        if (failed) Errors.Add(1, tag);
        Latency.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tag);
    }
}
