using GitOrch.Api.Model;

namespace GitOrch.Api.Policy;

/// <summary>What one object a sync writes counts toward its namespace's quotas; kinds no quota counts count nothing.</summary>
public static class ObjectDemand
{
    public static IReadOnlyDictionary<string, decimal> Of(KubeObject obj) => obj switch
    {
        Pod pod => PodDemand.Of(pod.Spec).Amounts,
        Service => One("services"),
        Secret => One("secrets"),
        ConfigMap => One("configmaps"),
        PersistentVolumeClaim claim => new Dictionary<string, decimal>
        {
            ["persistentvolumeclaims"] = 1,
            ["requests.storage"] = QuotaQuantities.Parse(claim.Spec.Resources?.Requests?.GetValueOrDefault("storage") ?? "0"),
        },
        _ => new Dictionary<string, decimal>(),
    };

    private static Dictionary<string, decimal> One(string resource) => new() { [resource] = 1 };
}
