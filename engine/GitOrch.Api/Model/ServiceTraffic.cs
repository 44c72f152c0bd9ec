namespace GitOrch.Api.Model;

/// <summary>
/// What one node's service proxy has counted since it started, as it publishes it to the store's
/// meta bucket under <see cref="KeyFor"/>. Counters only grow; a reader takes differences between two reads.
/// </summary>
public sealed record NodeTraffic
{
    public string Node { get; init; } = "";
    public DateTimeOffset At { get; init; }

    /// <summary>By Service, as NAMESPACE/NAME.</summary>
    public Dictionary<string, ServiceTraffic> Services { get; init; } = [];

    public static string KeyFor(string node) => $"traffic.{node}";

    /// <summary>How <see cref="Services"/> names a Service: NAMESPACE/NAME.</summary>
    public static string ServiceKey(Service service) => $"{service.Namespace ?? WellKnown.DefaultNamespace}/{service.Name}";
    public const string KeyPrefix = "traffic.";
}

public sealed record ServiceTraffic
{
    /// <summary>By pod-template hash; pods without one count under "".</summary>
    public Dictionary<string, TrafficCounts> Versions { get; init; } = [];

    /// <summary>By backend pod name.</summary>
    public Dictionary<string, TrafficCounts> Pods { get; init; } = [];
}

public sealed record TrafficCounts
{
    /// <summary>Upper bounds, in milliseconds, of the latency histogram's buckets; a last bucket holds the rest.</summary>
    public static readonly double[] LatencyBoundsMs = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

    public long Requests { get; init; }
    public long Status2xx { get; init; }
    public long Status3xx { get; init; }
    public long Status4xx { get; init; }
    public long Status5xx { get; init; }

    /// <summary>Requests or connections that reached no answer from the backend.</summary>
    public long Errors { get; init; }

    public List<long> LatencyBuckets { get; init; } = [];
    public double LatencySumMs { get; init; }
}
