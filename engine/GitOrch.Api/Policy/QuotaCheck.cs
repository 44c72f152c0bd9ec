using GitOrch.Api.Model;

namespace GitOrch.Api.Policy;

/// <summary>Whether new pods fit under a namespace's quota, worded as Kubernetes words a refusal.</summary>
public static class QuotaCheck
{
    public readonly record struct Fit(int Pods, string? Refusal);

    /// <summary>How many of <paramref name="wanted"/> pods, each asking <paramref name="demand"/>, fit beside <paramref name="used"/>.</summary>
    public static Fit PodsThatFit(ResourceQuota quota, NamespaceUsage used, PodDemand demand, int wanted)
    {
        var hard = (quota.Spec.Hard ?? []).ToDictionary(pair => NamespaceUsage.Canonical(pair.Key), pair => pair.Value);
        var missing = hard.Keys.Where(resource => demand.Unspecified(resource).Count > 0)
            .Select(resource => $"{resource} for: {string.Join(",", demand.Unspecified(resource))}").ToList();
        if (missing.Count > 0) return new Fit(0, $"failed quota: {quota.Name}: must specify {string.Join("; ", missing)}");

        var fits = wanted;
        foreach (var (resource, cap) in hard)
            if (demand.Amounts.GetValueOrDefault(resource) is > 0 and var each)
                fits = Math.Min(fits, (int)Math.Max(0, Math.Floor((QuotaQuantities.Parse(cap) - used[resource]) / each)));
        if (fits == wanted) return new Fit(wanted, null);

        // Worded for the first pod refused: what it asks, what the pods that fit leave used, and the caps it meets.
        decimal UsedBefore(string resource) => used[resource] + demand.Amounts.GetValueOrDefault(resource) * fits;
        var blocking = hard.Where(pair => demand.Amounts.GetValueOrDefault(pair.Key) is > 0 and var each
            && UsedBefore(pair.Key) + each > QuotaQuantities.Parse(pair.Value)).ToList();
        string List(Func<string, string, string> amount) => string.Join(",", blocking.Select(pair => $"{pair.Key}={amount(pair.Key, pair.Value)}"));
        return new Fit(fits, $"exceeded quota: {quota.Name}, requested: {List((r, _) => QuotaQuantities.Format(r, demand.Amounts[r]))}, "
            + $"used: {List((r, _) => QuotaQuantities.Format(r, UsedBefore(r)))}, limited: {List((_, cap) => cap)}");
    }

    /// <summary>
    /// Why objects that add <paramref name="added"/> (net of what the same change removes) would take the
    /// namespace over the quota, worded as Kubernetes words it; null when they fit.
    /// </summary>
    public static string? WhyExceeded(ResourceQuota quota, NamespaceUsage used, IReadOnlyDictionary<string, decimal> added)
    {
        var over = (quota.Spec.Hard ?? [])
            .Select(pair => (Name: pair.Key, Resource: NamespaceUsage.Canonical(pair.Key), Cap: pair.Value))
            .Where(cap => added.GetValueOrDefault(cap.Resource) > 0 && used[cap.Resource] + added[cap.Resource] > QuotaQuantities.Parse(cap.Cap))
            .ToList();
        if (over.Count == 0) return null;
        string List(Func<(string Name, string Resource, string Cap), string> amount) => string.Join(",", over.Select(cap => $"{cap.Name}={amount(cap)}"));
        return $"exceeded quota: {quota.Name}, requested: {List(cap => QuotaQuantities.Format(cap.Resource, added[cap.Resource]))}, "
            + $"used: {List(cap => QuotaQuantities.Format(cap.Resource, used[cap.Resource]))}, limited: {List(cap => cap.Cap)}";
    }

    /// <summary>The quota's status: its caps, and what the namespace uses of each.</summary>
    public static ResourceQuotaStatus StatusOf(ResourceQuota quota, NamespaceUsage used)
    {
        var hard = quota.Spec.Hard ?? [];
        return new ResourceQuotaStatus
        {
            Hard = new Dictionary<string, string>(hard),
            Used = hard.Keys.ToDictionary(resource => resource, resource => QuotaQuantities.Format(resource, used[resource])),
        };
    }
}
