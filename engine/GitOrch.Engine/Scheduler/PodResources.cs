using GitOrch.Api.Model;

namespace GitOrch.Engine.Scheduler;

public readonly record struct ResourceAmounts(decimal MilliCpu, decimal MemoryBytes, int Pods)
{
    public static readonly ResourceAmounts Zero = new(0, 0, 0);

    public static ResourceAmounts operator +(ResourceAmounts a, ResourceAmounts b) =>
        new(a.MilliCpu + b.MilliCpu, a.MemoryBytes + b.MemoryBytes, a.Pods + b.Pods);

    public static ResourceAmounts operator -(ResourceAmounts a) => new(-a.MilliCpu, -a.MemoryBytes, -a.Pods);
}

public static class PodResources
{
    private const int DefaultMaxPods = 110;
    private static readonly Dictionary<string, string> None = [];

    /// <summary>A pod's requests: the sum over its containers (a limit stands in for a missing request, as in Kubernetes).</summary>
    public static ResourceAmounts Requests(Pod pod)
    {
        var total = new ResourceAmounts(0, 0, 1);
        foreach (var container in pod.Spec.Containers)
        {
            var requests = container.Resources?.Requests ?? [];
            var limits = container.Resources?.Limits ?? [];
            total += new ResourceAmounts(
                Quantity(requests, limits, "cpu") * 1000,
                Quantity(requests, limits, "memory"),
                0);
        }
        return total;
    }

    public static ResourceAmounts Allocatable(Node node)
    {
        var allocatable = node.Status?.Allocatable ?? node.Status?.Capacity ?? None;
        var pods = allocatable.TryGetValue("pods", out var text) && ResourceQuantity.TryParse(text, out var count) ? (int)count.Value : DefaultMaxPods;
        return new ResourceAmounts(Quantity(allocatable, None, "cpu") * 1000, Quantity(allocatable, None, "memory"), pods);
    }

    private static decimal Quantity(IReadOnlyDictionary<string, string> primary, IReadOnlyDictionary<string, string> fallback, string resource) =>
        (primary.GetValueOrDefault(resource) ?? fallback.GetValueOrDefault(resource)) is { } text && ResourceQuantity.TryParse(text, out var quantity)
            ? quantity.Value
            : 0;
}
