using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.Cli.Tests;

/// <summary><c>top</c> prints kubectl top's columns from the usage the agents publish.</summary>
public sealed class TopCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task PublishAsync(string node, DateTimeOffset at, Dictionary<string, PodUsage> pods) =>
        await _cli.Store.PutAsync(Buckets.Meta, NodeUsage.KeyFor(node), ObjectJson.ToBytes(new NodeUsage { Node = node, At = at, Pods = pods }));

    private async Task NodeAsync(string name)
    {
        var node = await _cli.Client.CreateAsync(new Node { ApiVersion = "v1", Kind = "Node", Metadata = new ObjectMeta { Name = name } });
        await _cli.Client.PutStatusAsync(node, new NodeStatus { Allocatable = new() { ["cpu"] = "2", ["memory"] = "4Gi" } });
    }

    private static IEnumerable<string> Rows(CliResult result) =>
        result.OutputLines.Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    [Fact]
    public async Task TopNodesAndPods_PrintKubectlsColumns_FromFreshUsageOnly()
    {
        await NodeAsync("node-a");
        await NodeAsync("node-b");
        await _cli.SeedAsync(CliHarness.Pod("web-1") + CliHarness.Pod("web-2") + CliHarness.Pod("db-1", ns: "data", app: "db"));
        await PublishAsync("node-a", DateTimeOffset.UtcNow, new()
        {
            ["default/web-1"] = new PodUsage(250, 100L << 20), ["default/web-2"] = new PodUsage(750, 412L << 20), ["data/db-1"] = new PodUsage(5, 512L << 20),
        });
        await PublishAsync("node-b", DateTimeOffset.UtcNow.AddMinutes(-10), new() { ["default/gone"] = new PodUsage(1, 1) });

        var nodes = await _cli.RunAsync("top", "nodes");
        var pods = await _cli.RunAsync("top", "pods");
        var everywhere = await _cli.RunAsync("top", "pods", "-A", "--sort-by", "memory");
        var missing = await _cli.RunAsync("top", "pod", "nope");

        Assert.Equal(["NAME CPU(cores) CPU(%) MEMORY(bytes) MEMORY(%)", "node-a 1005m 50% 1024Mi 25%", "node-b <unknown> <unknown> <unknown> <unknown>"], Rows(nodes));
        Assert.Equal(["NAME CPU(cores) MEMORY(bytes)", "web-1 250m 100Mi", "web-2 750m 412Mi"], Rows(pods));
        Assert.Equal(["NAMESPACE NAME CPU(cores) MEMORY(bytes)", "data db-1 5m 512Mi", "default web-2 750m 412Mi", "default web-1 250m 100Mi"], Rows(everywhere));
        Assert.Equal((1, "error: usage of pod default/nope (its agent has published none yet) not found"), (missing.ExitCode, missing.Error.Trim()));
    }
}
