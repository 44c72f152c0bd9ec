using System.Text.Json.Nodes;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests;

/// <summary>What <c>gitorch get pods -o json</c> reports, reduced to what the scenarios check.</summary>
public sealed record PodView(string Name, string? Phase, string? NodeName, string? PodIP);

public static class PodListing
{
    public static async Task<IReadOnlyList<PodView>> GetAsync(string home, params string[] storeArguments)
    {
        var result = await GitorchProcess.RunAsync(home, ["get", "pods", "-o", "json", .. storeArguments]);
        Assert.True(result.ExitCode == 0, $"get pods failed: {result.Error}");
        var items = JsonNode.Parse(result.Output)!["items"]!.AsArray();
        return items.Select(item => new PodView(
            item!["metadata"]!["name"]!.GetValue<string>(),
            item["status"]?["phase"]?.GetValue<string>(),
            item["spec"]?["nodeName"]?.GetValue<string>(),
            item["status"]?["podIP"]?.GetValue<string>())).ToList();
    }

    public static bool AllRunning(IReadOnlyList<PodView> pods, int count) =>
        pods.Count == count && pods.All(pod => pod.Phase == "Running" && pod.NodeName is not null && !string.IsNullOrEmpty(pod.PodIP));

    public static string Describe(IReadOnlyList<PodView> pods) => $"[{string.Join(", ", pods)}]";
}
