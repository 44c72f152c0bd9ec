using System.Diagnostics;
using System.Text.RegularExpressions;
using GitOrch.Api.Model;
using GitOrch.Engine.Security;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;

namespace GitOrch.Benchmarks;

/// <summary>
/// The user's path of a node joining, all as processes: <c>gitorch join</c> against a server's join
/// endpoint, then the agent it prints, until the node is Ready in the store. The floor is a
/// <c>gitorch version</c> process, the CLI's cold start.
/// </summary>
public static partial class JoinBenchmark
{
    private const int Nodes = 3;

    public static async Task RunAsync()
    {
        var home = Directory.CreateTempSubdirectory("gitorch-bench-join-").FullName;
        var clusterPath = Path.Combine(home, "cluster");
        var (storePort, joinPort) = (NatsServerProcess.FreePort(), NatsServerProcess.FreePort());
        var cluster = new ClusterDirectory(clusterPath);
        cluster.Initialize("bench", ["127.0.0.1"], $"127.0.0.1:{storePort}", [], DateTimeOffset.UtcNow);
        await using var nats = await NatsServerProcess.StartFromConfigAsync(cluster.NatsConfig, storePort);
        using var repo = new GitRepository();
        repo.Commit("empty", ("README.md", "nothing to run"));
        await using var server = GitorchProcess.Start(home, ["server", "--repo", repo.Path, "--listen", "off", "--join-listen", $"127.0.0.1:{joinPort}", "--dir", clusterPath,
            "--store", $"tls://127.0.0.1:{storePort}?credentials={cluster.CredentialsFor("server")}"]);
        await ProcessWait.UntilAsync(() => Task.FromResult(server.Output.Contains("Join endpoint:")), "the join endpoint", server, TimeSpan.FromMinutes(2));
        await using var viewer = await NatsObjectStore.ConnectAsync($"tls://127.0.0.1:{storePort}?credentials={cluster.CredentialsFor("viewer")}");
        var client = new ObjectClient(viewer);
        using var authority = ClusterAuthority.Load(cluster.CaCertificate, cluster.CaKey);
        var token = cluster.Tokens.Create(TimeSpan.FromHours(1), singleUse: false, "benchmark", DateTimeOffset.UtcNow);

        var floor = Stopwatch.StartNew();
        await GitorchProcess.RunAsync(home, "version");
        var floorTime = floor.Elapsed;
        var joins = new List<TimeSpan>();
        var readies = new List<TimeSpan>();
        var agents = new List<GitorchProcess>();
        try
        {
            for (var i = 0; i < Nodes; i++)
            {
                var node = $"bench-join-{i}";
                var started = Stopwatch.StartNew();
                var joined = await GitorchProcess.RunAsync(home, "join", "--token", token, "--server", $"https://127.0.0.1:{joinPort}", "--ca-cert-hash", authority.PublicKeyHash,
                    "--node", node, "--dir", Path.Combine(home, "nodes", node));
                if (joined.ExitCode != 0) throw new InvalidOperationException($"join failed: {joined.Error}");
                joins.Add(started.Elapsed);
                var agent = GitorchProcess.Start(home, ["agent", "--node", node, "--runtime", "process", "--pod-network", "none", "--no-proxy",
                    "--store", AgentStore().Match(joined.Output).Groups[1].Value]);
                agents.Add(agent);
                while ((await client.GetAsync<Node>(null, node))?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true)
                {
                    if (started.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"node {node} not Ready; the agent said:\n{agent.Output}");
                    await Task.Delay(50);
                }
                readies.Add(started.Elapsed);
            }
        }
        finally
        {
            foreach (var agent in agents) await agent.DisposeAsync();
        }
        Console.WriteLine($"gitorch version (CLI cold start, floor): {floorTime.TotalMilliseconds,6:F0} ms");
        Console.WriteLine($"gitorch join, process:                  {Median(joins),6:F0} ms  {Median(joins) / floorTime.TotalMilliseconds:F1}x the floor (median of {Nodes})");
        Console.WriteLine($"join start to node Ready (join + agent): {Median(readies),6:F0} ms  {Median(readies) / floorTime.TotalMilliseconds:F1}x the floor (median of {Nodes})");
        Directory.Delete(home, recursive: true);
    }

    private static double Median(List<TimeSpan> times) => times.Select(time => time.TotalMilliseconds).Order().ElementAt(times.Count / 2);

    [GeneratedRegex("--store \"([^\"]+)\"")]
    private static partial Regex AgentStore();
}
