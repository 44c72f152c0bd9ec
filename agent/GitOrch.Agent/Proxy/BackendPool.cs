using GitOrch.Api.Model;

namespace GitOrch.Agent.Proxy;

/// <summary>
/// Picks a backend for each request or connection. Without weights it is round robin over every
/// backend. With weights (pod-template hash → share) it is smooth weighted round robin over the
/// versions, so any run of requests splits exactly, then round robin within the chosen version.
/// A weighted version with no ready backend gives its share to the others. With client rules, a
/// client is only admitted from the allowed ranges, and with ClientIP affinity each client keeps the
/// backend it got while that backend stays in the pool.
/// </summary>
public sealed class BackendPool
{
    public static readonly BackendPool Empty = new([], null);

    /// <summary>Who may use a listener (null: anyone), and whether a client sticks to its first backend.</summary>
    public sealed record ClientRules(IReadOnlyList<System.Net.IPNetwork>? Allowed, bool StickyByClientIP)
    {
        public static readonly ClientRules Anyone = new(null, false);

        public static ClientRules Of(Service service, bool balancerListener) => new(
            balancerListener && service.Spec.LoadBalancerSourceRanges is { Count: > 0 } ranges
                ? ranges.Select(range => System.Net.IPNetwork.TryParse(range, out var network) ? network : (System.Net.IPNetwork?)null).OfType<System.Net.IPNetwork>().ToList()
                : null,
            service.Spec.SessionAffinity == "ClientIP");
    }

    private readonly VersionGroup[] _groups;
    private readonly int _totalWeight;
    private readonly Lock _lock = new();
    private readonly IReadOnlyDictionary<string, int>? _weights;

    private readonly ClientRules _clients;
    private readonly Dictionary<System.Net.IPAddress, Backend> _sticky = [];

    public BackendPool(IReadOnlyList<Backend> backends, IReadOnlyDictionary<string, int>? weights, ClientRules? clients = null)
    {
        Backends = backends;
        _weights = weights;
        _clients = clients ?? ClientRules.Anyone;
        var groups = backends.GroupBy(b => b.Version)
            .Select(g => new VersionGroup(g.Key, weights is null ? g.Count() : weights.GetValueOrDefault(g.Key), g.ToArray()))
            .Where(g => g.Weight > 0)
            .ToArray();
        // Weights that name no ready version must not black-hole traffic: fall back to plain round robin.
        _groups = groups.Length > 0 ? groups : backends.GroupBy(b => b.Version).Select(g => new VersionGroup(g.Key, g.Count(), g.ToArray())).ToArray();
        _totalWeight = _groups.Sum(g => g.Weight);
    }

    public IReadOnlyList<Backend> Backends { get; }

    /// <summary>
    /// Whether another pool picks from the same backends by the same weights. The proxy keeps its pool
    /// then: a new one would start the weighted sequence over, and a pod change that does not touch
    /// the backends (a status write) would skew the split.
    /// </summary>
    public bool SameAs(BackendPool other) =>
        Backends.SequenceEqual(other.Backends)
        && _clients.StickyByClientIP == other._clients.StickyByClientIP
        && (_clients.Allowed ?? []).SequenceEqual(other._clients.Allowed ?? [])
        && (_weights ?? new Dictionary<string, int>()).OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .SequenceEqual((other._weights ?? new Dictionary<string, int>()).OrderBy(pair => pair.Key, StringComparer.Ordinal));

    public bool Admits(System.Net.IPAddress client) =>
        _clients.Allowed is not { } allowed || allowed.Any(range => range.Contains(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client));

    /// <summary>The backend for a client: its earlier one under ClientIP affinity, else the next by weight.</summary>
    public Backend? Pick(System.Net.IPAddress? client)
    {
        if (!_clients.StickyByClientIP || client is null) return Pick();
        lock (_sticky)
            if (_sticky.TryGetValue(client, out var known)) return known;
        if (Pick() is not { } picked) return null;
        lock (_sticky) _sticky[client] = picked;
        return picked;
    }

    public Backend? Pick()
    {
        if (_groups.Length == 0) return null;
        lock (_lock)
        {
            VersionGroup? best = null;
            foreach (var group in _groups)
            {
                group.Current += group.Weight;
                if (best is null || group.Current > best.Current) best = group;
            }
            best!.Current -= _totalWeight;
            return best.Backends[best.Next++ % best.Backends.Length];
        }
    }

    private sealed class VersionGroup(string version, int weight, Backend[] backends)
    {
        public string Version => version;
        public int Weight => weight;
        public Backend[] Backends => backends;
        public int Current;
        public int Next;
    }
}
