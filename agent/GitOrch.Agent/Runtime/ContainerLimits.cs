using GitOrch.Api.Model;

namespace GitOrch.Agent.Runtime;

public static class ContainerLimits
{
    public static long MemoryBytes(Container container) =>
        container.Resources?.Limits?.GetValueOrDefault("memory") is { } text ? (long)ResourceQuantity.Parse(text).Value : 0;

    public static long NanoCpus(Container container) =>
        container.Resources?.Limits?.GetValueOrDefault("cpu") is { } text ? (long)(ResourceQuantity.Parse(text).Value * 1_000_000_000) : 0;
}
