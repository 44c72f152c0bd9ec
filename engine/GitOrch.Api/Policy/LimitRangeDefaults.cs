using GitOrch.Api.Model;

namespace GitOrch.Api.Policy;

/// <summary>Applies a namespace's LimitRanges to a pod's containers: their defaults first, then their bounds.</summary>
public static class LimitRangeDefaults
{
    private const string ContainerType = "Container";

    /// <summary>The spec with every request and limit a container leaves out filled in from the ranges' defaults.</summary>
    public static PodSpec Apply(PodSpec spec, IReadOnlyCollection<LimitRange> ranges)
    {
        var items = ContainerItems(ranges).ToList();
        if (items.Count == 0) return spec;
        return spec with
        {
            Containers = [.. spec.Containers.Select(container => WithDefaults(container, items))],
            InitContainers = spec.InitContainers is null ? null : [.. spec.InitContainers.Select(container => WithDefaults(container, items))],
        };
    }

    /// <summary>The first container amount outside a range's minimum or maximum, worded as Kubernetes does; null when all fit.</summary>
    public static string? FirstViolation(PodSpec spec, IReadOnlyCollection<LimitRange> ranges)
    {
        foreach (var item in ContainerItems(ranges))
            foreach (var container in spec.Containers.Concat(spec.InitContainers ?? []))
            {
                foreach (var (resource, max) in item.Max ?? [])
                    if (container.Resources?.Limits?.GetValueOrDefault(resource) is not { } limit)
                        return $"container {container.Name}: a limit on {resource} is required, as the namespace's maximum is {max}";
                    else if (QuotaQuantities.Parse(limit) > QuotaQuantities.Parse(max))
                        return $"maximum {resource} usage per Container is {max}, but container {container.Name} has a limit of {limit}";
                foreach (var (resource, min) in item.Min ?? [])
                    if (container.Resources?.Requests?.GetValueOrDefault(resource) is { } request && QuotaQuantities.Parse(request) < QuotaQuantities.Parse(min))
                        return $"minimum {resource} usage per Container is {min}, but container {container.Name} requests {request}";
            }
        return null;
    }

    private static IEnumerable<LimitRangeItem> ContainerItems(IEnumerable<LimitRange> ranges) =>
        ranges.OrderBy(range => range.Name, StringComparer.Ordinal).SelectMany(range => range.Spec.Limits).Where(item => item.Type == ContainerType);

    private static Container WithDefaults(Container container, IReadOnlyList<LimitRangeItem> items)
    {
        var limits = new Dictionary<string, string>(container.Resources?.Limits ?? []);
        var requests = new Dictionary<string, string>(container.Resources?.Requests ?? []);
        // A container's own limit is its request when it names none, before any default.
        foreach (var (resource, amount) in limits) requests.TryAdd(resource, amount);
        foreach (var item in items)
        {
            foreach (var (resource, amount) in item.Default ?? []) limits.TryAdd(resource, amount);
            foreach (var (resource, amount) in item.DefaultRequest ?? item.Default ?? []) requests.TryAdd(resource, amount);
        }
        return container with { Resources = new ResourceRequirements { Limits = limits.Count > 0 ? limits : null, Requests = requests.Count > 0 ? requests : null } };
    }
}
