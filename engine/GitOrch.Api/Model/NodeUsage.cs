namespace GitOrch.Api.Model;

/// <summary>
/// What the pods on one node use, as its agent measures it from the runtime's container stats and
/// publishes it to the store's meta bucket under <see cref="KeyFor"/>, for autoscalers to read.
/// </summary>
public sealed record NodeUsage
{
    public string Node { get; init; } = "";
    public DateTimeOffset At { get; init; }

    /// <summary>By pod, as NAMESPACE/NAME.</summary>
    public Dictionary<string, PodUsage> Pods { get; init; } = [];

    public const string KeyPrefix = "usage.";

    public static string KeyFor(string node) => KeyPrefix + node;

    public static string PodKey(Pod pod) => $"{pod.Namespace ?? WellKnown.DefaultNamespace}/{pod.Name}";
}

/// <summary>A pod's containers together: CPU over the last measuring interval, and memory in use now.</summary>
public sealed record PodUsage(long CpuMillicores, long MemoryBytes);
