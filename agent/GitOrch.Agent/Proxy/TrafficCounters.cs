using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Proxy;

/// <summary>
/// The proxy's counts per service, by version and by pod: requests, status classes, failures and a
/// latency histogram. Read as a <see cref="NodeTraffic"/> snapshot for the store, or as Prometheus text for /metrics.
/// </summary>
public sealed class TrafficCounters
{
    private readonly ConcurrentDictionary<(string Service, bool ByVersion, string Key), Counter> _counters = new();

    /// <summary>Counts one request (HTTP) or connection (TCP); a null status is a failure to reach the backend, a 0 status a TCP connection.</summary>
    public void Record(string service, Backend backend, int? status, TimeSpan latency)
    {
        _counters.GetOrAdd((service, true, backend.Version), _ => new Counter()).Add(status, latency.TotalMilliseconds);
        _counters.GetOrAdd((service, false, backend.Pod), _ => new Counter()).Add(status, latency.TotalMilliseconds);
    }

    public NodeTraffic Snapshot(string node, DateTimeOffset now)
    {
        var services = new Dictionary<string, ServiceTraffic>();
        foreach (var ((service, byVersion, key), counter) in _counters)
        {
            if (!services.TryGetValue(service, out var traffic)) services[service] = traffic = new ServiceTraffic();
            (byVersion ? traffic.Versions : traffic.Pods)[key] = counter.Read();
        }
        return new NodeTraffic { Node = node, At = now, Services = services };
    }

    public string Prometheus()
    {
        var text = new StringBuilder();
        text.AppendLine("# HELP gitorch_proxy_requests_total Requests (HTTP) or connections (TCP) through the service proxy, by service, version and status class.");
        text.AppendLine("# TYPE gitorch_proxy_requests_total counter");
        var byVersion = _counters.Where(pair => pair.Key.ByVersion).OrderBy(pair => pair.Key.Service).ThenBy(pair => pair.Key.Key).Select(pair => (pair.Key, Counts: pair.Value.Read())).ToList();
        foreach (var (key, counts) in byVersion)
            foreach (var (code, value) in new[] { ("2xx", counts.Status2xx), ("3xx", counts.Status3xx), ("4xx", counts.Status4xx), ("5xx", counts.Status5xx), ("error", counts.Errors), ("tcp", counts.Requests - counts.Status2xx - counts.Status3xx - counts.Status4xx - counts.Status5xx - counts.Errors) })
                if (value > 0) text.AppendLine(CultureInfo.InvariantCulture, $"gitorch_proxy_requests_total{{{Labels(key)},code=\"{code}\"}} {value}");
        text.AppendLine("# HELP gitorch_proxy_request_duration_seconds Time to the backend's response headers (HTTP) or connection (TCP).");
        text.AppendLine("# TYPE gitorch_proxy_request_duration_seconds histogram");
        foreach (var (key, counts) in byVersion)
        {
            long cumulative = 0;
            for (var i = 0; i < counts.LatencyBuckets.Count; i++)
            {
                cumulative += counts.LatencyBuckets[i];
                var bound = i < TrafficCounts.LatencyBoundsMs.Length ? (TrafficCounts.LatencyBoundsMs[i] / 1000).ToString(CultureInfo.InvariantCulture) : "+Inf";
                text.AppendLine(CultureInfo.InvariantCulture, $"gitorch_proxy_request_duration_seconds_bucket{{{Labels(key)},le=\"{bound}\"}} {cumulative}");
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"gitorch_proxy_request_duration_seconds_sum{{{Labels(key)}}} {counts.LatencySumMs / 1000}");
            text.AppendLine(CultureInfo.InvariantCulture, $"gitorch_proxy_request_duration_seconds_count{{{Labels(key)}}} {counts.Requests}");
        }
        return text.ToString();
    }

    private static string Labels((string Service, bool ByVersion, string Key) key) => $"service=\"{key.Service}\",version=\"{key.Key}\"";

    private sealed class Counter
    {
        private readonly long[] _byClass = new long[5];
        private readonly long[] _buckets = new long[TrafficCounts.LatencyBoundsMs.Length + 1];
        private long _requests;
        private double _sumMs;

        public void Add(int? status, double milliseconds)
        {
            Interlocked.Increment(ref _requests);
            var slot = status switch { null => 4, 0 => -1, _ => Math.Clamp(status.Value / 100 - 2, 0, 3) };
            if (slot >= 0) Interlocked.Increment(ref _byClass[slot]);
            var bucket = Array.FindIndex(TrafficCounts.LatencyBoundsMs, bound => milliseconds <= bound);
            Interlocked.Increment(ref _buckets[bucket < 0 ? _buckets.Length - 1 : bucket]);
            lock (_buckets) _sumMs += milliseconds;
        }

        public TrafficCounts Read()
        {
            lock (_buckets)
                return new TrafficCounts
                {
                    Requests = Interlocked.Read(ref _requests),
                    Status2xx = _byClass[0],
                    Status3xx = _byClass[1],
                    Status4xx = _byClass[2],
                    Status5xx = _byClass[3],
                    Errors = _byClass[4],
                    LatencyBuckets = _buckets.ToList(),
                    LatencySumMs = _sumMs,
                };
        }
    }
}
