using GitOrch.Api.Model;

namespace GitOrch.Api.Policy;

/// <summary>
/// What one pod counts toward its namespace's quotas: itself, and the sums of its containers' cpu and
/// memory requests and limits. A container's limit stands in for a request it does not name, as in
/// Kubernetes. <see cref="Unspecified"/> names the containers that set neither.
/// </summary>
public sealed class PodDemand
{
    private static readonly string[] ComputeResources = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

    private readonly Dictionary<string, List<string>> _unspecified = [];

    public Dictionary<string, decimal> Amounts { get; } = new(StringComparer.Ordinal) { ["pods"] = 1 };

    public static PodDemand Of(PodSpec spec)
    {
        var demand = new PodDemand();
        foreach (var resource in ComputeResources) demand.Amounts[resource] = 0;
        foreach (var container in spec.Containers)
            foreach (var resource in ComputeResources)
            {
                var (kind, name) = (resource[..resource.IndexOf('.')], resource[(resource.IndexOf('.') + 1)..]);
                var limit = container.Resources?.Limits?.GetValueOrDefault(name);
                var text = kind == "limits" ? limit : container.Resources?.Requests?.GetValueOrDefault(name) ?? limit;
                if (text is null) demand.Unspecify(resource, container.Name);
                else demand.Amounts[resource] += QuotaQuantities.Parse(text);
            }
        return demand;
    }

    /// <summary>The containers that name no amount of <paramref name="resource"/>: a quota on it cannot count them.</summary>
    public IReadOnlyList<string> Unspecified(string resource) => _unspecified.GetValueOrDefault(resource) ?? [];

    private void Unspecify(string resource, string container)
    {
        if (!_unspecified.TryGetValue(resource, out var names)) _unspecified[resource] = names = [];
        names.Add(container);
    }
}
