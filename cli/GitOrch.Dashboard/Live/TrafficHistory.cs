using System.Collections.Concurrent;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.Dashboard.Live;

/// <summary>One interval of one version's traffic through the service proxies: its requests, success rate and p99.</summary>
internal sealed record TrafficSample(DateTimeOffset At, long Requests, double? SuccessRate, double? LatencyP99Ms);

/// <summary>
/// Samples the proxies' counters (the traffic.NODE records of the meta bucket) every two seconds and
/// keeps, per Service and version (pod-template hash), the last five minutes of intervals, for the
/// rollouts view's charts.
/// </summary>
internal sealed class TrafficHistory(IObjectStore store) : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private const int Kept = 150;

    private readonly ConcurrentDictionary<(string Service, string Version), Queue<TrafficSample>> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private Dictionary<(string, string), TrafficCounts> _last = [];
    private Task? _sampling;

    public void Start() => _sampling ??= SampleAsync(_stop.Token);

    public IReadOnlyList<TrafficSample> Of(string service, string version)
    {
        if (!_samples.TryGetValue((service, version), out var queue)) return [];
        lock (queue) return [.. queue];
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    Record(await TotalsAsync(cancellationToken), DateTimeOffset.UtcNow);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A store that does not answer for a moment leaves a gap in the charts, nothing more.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<Dictionary<(string, string), TrafficCounts>> TotalsAsync(CancellationToken cancellationToken)
    {
        var totals = new Dictionary<(string, string), TrafficCounts>();
        foreach (var entry in await store.ListAsync(Buckets.Meta, NodeTraffic.KeyPrefix, cancellationToken))
            foreach (var (service, traffic) in ObjectJson.FromBytes<NodeTraffic>(entry.Value).Services)
                foreach (var (version, counts) in traffic.Versions)
                    totals[(service, version)] = totals.TryGetValue((service, version), out var sum) ? sum.Plus(counts) : counts;
        return totals;
    }

    private void Record(Dictionary<(string, string), TrafficCounts> totals, DateTimeOffset at)
    {
        foreach (var (key, counts) in totals)
        {
            var interval = counts.Since(_last.GetValueOrDefault(key));
            var queue = _samples.GetOrAdd(key, _ => new Queue<TrafficSample>());
            lock (queue)
            {
                queue.Enqueue(new TrafficSample(at, interval.Requests, interval.SuccessRate(), interval.LatencyPercentileMs(0.99)));
                while (queue.Count > Kept) queue.Dequeue();
            }
        }
        _last = totals;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sampling is not null) await _sampling;
        _stop.Dispose();
    }
}
