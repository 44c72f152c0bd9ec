using System.Globalization;
using GitOrch.Api.Model;
using GitOrch.Engine.Scheduler;

namespace GitOrch.Engine.Autoscaling;

/// <summary>What one metric asks for: a replica count and what it measured, or why it cannot say.</summary>
public sealed record MetricReading(int? Replicas, MetricStatus? Status, string? Problem)
{
    public static MetricReading Unavailable(string problem) => new(null, null, problem);
}

/// <summary>
/// The replica count one metric asks for, as Kubernetes computes it: the measured average over the
/// target's pods against the target, times the pods measured, rounded up; within 10% of the target
/// it keeps the current count.
/// </summary>
public static class MetricRecommendation
{
    public const double Tolerance = 0.1;

    /// <summary>The per-pod metric GitOrch measures without an adapter, from the service proxies' counters (either name).</summary>
    public static readonly IReadOnlyList<string> RequestRateNames = ["requests_per_second", "http_requests_per_second"];

    public static MetricReading For(MetricSpec metric, int current, IReadOnlyList<Pod> pods, PodMeasurements measured) => metric switch
    {
        { Type: "Resource", Resource: { } resource } => Resource(resource, current, pods, measured),
        { Type: "Pods", Pods: { } perPod } when RequestRateNames.Contains(perPod.Metric.Name) => RequestRate(perPod, current, pods, measured),
        _ => MetricReading.Unavailable($"metric {Describe(metric)} is not one GitOrch measures: it measures Resource cpu and memory, and Pods {RequestRateNames[0]}"),
    };

    private static MetricReading Resource(ResourceMetricSource resource, int current, IReadOnlyList<Pod> pods, PodMeasurements measured)
    {
        var cpu = resource.Name == "cpu";
        var withUsage = pods.Where(pod => measured.Usage.ContainsKey(NodeUsage.PodKey(pod))).ToList();
        if (withUsage.Count == 0) return MetricReading.Unavailable($"no {resource.Name} usage measured yet for the target's pods");
        decimal Used(Pod pod) => cpu ? measured.Usage[NodeUsage.PodKey(pod)].CpuMillicores : measured.Usage[NodeUsage.PodKey(pod)].MemoryBytes;
        decimal Requested(Pod pod) => cpu ? PodResources.Requests(pod).MilliCpu : PodResources.Requests(pod).MemoryBytes;
        var used = withUsage.Sum(Used);
        if (resource.Target.Type == "Utilization")
        {
            var requested = withUsage.Sum(Requested);
            if (withUsage.Any(pod => Requested(pod) == 0))
                return MetricReading.Unavailable($"the target's pods request no {resource.Name}, which a utilization target needs");
            var utilization = (int)Math.Round(100 * used / requested);
            return Reading(current, withUsage.Count, utilization / (double)resource.Target.AverageUtilization!.Value,
                new MetricStatus { Type = "Resource", Name = resource.Name, AverageUtilization = utilization, AverageValue = Quantity(used / withUsage.Count, cpu) });
        }
        var average = used / withUsage.Count;
        var target = ResourceQuantity.Parse(resource.Target.AverageValue ?? resource.Target.Value ?? "0");
        var targetAmount = cpu ? target.MilliValue : target.Value;
        if (targetAmount <= 0) return MetricReading.Unavailable($"target {resource.Name} must be above 0");
        return Reading(current, withUsage.Count, (double)(average / targetAmount),
            new MetricStatus { Type = "Resource", Name = resource.Name, AverageValue = Quantity(average, cpu) });
    }

    private static MetricReading RequestRate(PodsMetricSource perPod, int current, IReadOnlyList<Pod> pods, PodMeasurements measured)
    {
        if (measured.RequestRates is not { } rates) return MetricReading.Unavailable($"{perPod.Metric.Name} is not measured yet: it needs two samples of the proxies' counters");
        if (pods.Count == 0) return MetricReading.Unavailable("the target has no running pods to measure");
        var average = pods.Average(pod => rates.GetValueOrDefault(NodeUsage.PodKey(pod)));
        var target = (double)ResourceQuantity.Parse(perPod.Target.AverageValue ?? perPod.Target.Value ?? "0").Value;
        if (target <= 0) return MetricReading.Unavailable($"target {perPod.Metric.Name} must be above 0");
        return Reading(current, pods.Count, average / target,
            new MetricStatus { Type = "Pods", Name = perPod.Metric.Name, AverageValue = average.ToString("0.##", CultureInfo.InvariantCulture) });
    }

    private static MetricReading Reading(int current, int measuredPods, double ratio, MetricStatus status) =>
        new(Math.Abs(ratio - 1) <= Tolerance ? current : (int)Math.Ceiling(ratio * measuredPods), status, null);

    /// <summary>CPU as millicores (250m), memory in bytes.</summary>
    private static string Quantity(decimal amount, bool cpu) =>
        cpu ? $"{Math.Round(amount).ToString(CultureInfo.InvariantCulture)}m" : Math.Round(amount).ToString(CultureInfo.InvariantCulture);

    private static string Describe(MetricSpec metric) => metric.Type switch
    {
        "Pods" => $"Pods {metric.Pods?.Metric.Name}",
        "Object" => $"Object {metric.Object?.Metric.Name}",
        "External" => $"External {metric.External?.Metric.Name}",
        "ContainerResource" => $"ContainerResource {metric.ContainerResource?.Name}",
        _ => $"{metric.Type} {metric.Resource?.Name}",
    };
}
