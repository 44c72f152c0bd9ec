using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Api.Policy;

/// <summary>What a namespace holds that a quota can cap, as amounts per quota resource name.</summary>
public sealed class NamespaceUsage
{
    private readonly Dictionary<string, decimal> _amounts = new(StringComparer.Ordinal);

    /// <summary>Live pods count (finished ones no longer do), and so do every service, secret, configmap and claim.</summary>
    public static NamespaceUsage Of(IEnumerable<Pod> pods, int services, int secrets, int configMaps, IReadOnlyCollection<PersistentVolumeClaim> claims)
    {
        var usage = new NamespaceUsage();
        foreach (var pod in pods.Where(pod => !PodConditions.IsFinished(pod)))
            usage.Add(PodDemand.Of(pod.Spec).Amounts);
        usage._amounts["services"] = services;
        usage._amounts["secrets"] = secrets;
        usage._amounts["configmaps"] = configMaps;
        usage._amounts["persistentvolumeclaims"] = claims.Count;
        usage._amounts["requests.storage"] = claims.Sum(claim => QuotaQuantities.Parse(claim.Spec.Resources?.Requests?.GetValueOrDefault("storage") ?? "0"));
        return usage;
    }

    public decimal this[string resource] => _amounts.GetValueOrDefault(Canonical(resource));

    /// <summary><c>cpu</c> and <c>memory</c> in a quota mean their requests, as in Kubernetes.</summary>
    public static string Canonical(string resource) => resource switch
    {
        "cpu" => "requests.cpu",
        "memory" => "requests.memory",
        "count/pods" => "pods",
        "count/services" => "services",
        "count/secrets" => "secrets",
        "count/configmaps" => "configmaps",
        "count/persistentvolumeclaims" => "persistentvolumeclaims",
        _ => resource,
    };

    private void Add(IReadOnlyDictionary<string, decimal> amounts)
    {
        foreach (var (resource, amount) in amounts) _amounts[resource] = _amounts.GetValueOrDefault(resource) + amount;
    }
}
