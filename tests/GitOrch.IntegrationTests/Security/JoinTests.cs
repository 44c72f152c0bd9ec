using System.Text.RegularExpressions;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests.Security;

/// <summary>
/// <c>gitorch init</c>, a server with the join endpoint, and a machine that joins with a token as a
/// process: its agent runs a Deployment with the credential it got. Tokens that are revoked, expired
/// or used up, and a CA that does not match, are refused with one line, and nothing is admitted.
/// </summary>
[Collection("end-to-end")]
public sealed partial class JoinTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");
    private readonly string _node = $"jn-{Guid.NewGuid():N}"[..10];

    private string ClusterDirectory => Path.Combine(_home.FullName, "cluster");

    private async Task<string> TokenAsync(params string[] flags)
    {
        var created = await GitorchProcess.RunAsync(_home.FullName, ["token", "create", "--dir", ClusterDirectory, .. flags]);
        Assert.True(created.ExitCode == 0, created.Error);
        return created.Output.Split('\n')[0].Trim();
    }

    private Task<CommandResult> JoinAsync(string token, int joinPort, string caHash, string node) =>
        GitorchProcess.RunAsync(_home.FullName, "join", "--token", token, "--server", $"https://127.0.0.1:{joinPort}", "--ca-cert-hash", caHash,
            "--node", node, "--dir", Path.Combine(_home.FullName, "nodes", node));

    [Fact]
    public async Task AMachineJoinsWithAToken_AndItsAgentRunsADeployment_WhileBadTokensAndAWrongCaAreRefused()
    {
        await using var cluster = await InitializedCluster.StartAsync(_home.FullName);
        var (storePort, joinPort) = (cluster.Port, NatsServerProcess.FreePort());
        var caHash = CaHash().Match(cluster.InitOutput).Groups[1].Value;
        var initToken = InitToken().Match(cluster.InitOutput).Groups[1].Value;
        _repo.Commit("v1", ("web.yaml", Manifests.RollingDeployment("web", 1, 3600)));
        await using var server = GitorchProcess.Start(_home.FullName, ["server", "--repo", _repo.Path, "--interval", "00:00:00.5", "--listen", "off",
            "--join-listen", $"127.0.0.1:{joinPort}", "--dir", ClusterDirectory, "--store", cluster.Location("server")]);
        GitorchProcess? agent = null;
        try
        {
            await Eventually.WaitAsync(() => Task.FromResult(server.Output), output => output.Contains("Join endpoint:"), StepTimeout, "the join endpoint");

            var wrongCa = await JoinAsync(initToken, joinPort, "sha256:" + new string('0', 64), _node);
            Assert.NotEqual(0, wrongCa.ExitCode);
            Assert.Matches("^error: the server at https://127.0.0.1:\\d+/ presents a CA whose hash is sha256:[0-9a-f]{64}, not sha256:0+: it is not the cluster you meant\n$", wrongCa.Error.ReplaceLineEndings("\n"));

            var joined = await JoinAsync(initToken, joinPort, caHash, _node);
            Assert.True(joined.ExitCode == 0, joined.Error);
            var agentStore = AgentStore().Match(joined.Output).Groups[1].Value;
            Assert.StartsWith($"tls://127.0.0.1:{storePort}?credentials=", agentStore);

            agent = GitorchProcess.Start(_home.FullName, ["agent", "--node", _node, "--runtime", "docker", "--pod-network", "none", "--store", agentStore]);
            await using var viewer = await NatsObjectStore.ConnectAsync(cluster.Location("viewer"));
            var client = new ObjectClient(viewer);
            await Eventually.WaitAsync(() => client.ListAsync<Pod>("default"), pods => pods.Count == 1 && pods.All(pod => pod.Spec.NodeName == _node && PodConditions.IsReady(pod)),
                StepTimeout, "the pod ready on the joined node");

            var again = await JoinAsync(initToken, joinPort, caHash, _node);
            Assert.Equal($"error: https://127.0.0.1:{joinPort}/ refused to join: node {_node} has an identity already; choose another name or remove its files from {ClusterDirectory}\n", again.Error.ReplaceLineEndings("\n"));

            var revoked = await TokenAsync();
            Assert.Equal(0, (await GitorchProcess.RunAsync(_home.FullName, "token", "revoke", revoked.Split('.')[0], "--dir", ClusterDirectory)).ExitCode);
            var refusedRevoked = await JoinAsync(revoked, joinPort, caHash, "other-1");
            Assert.Contains($"refused to join: join token {revoked.Split('.')[0]} is revoked;", refusedRevoked.Error);

            var singleUse = await TokenAsync("--single-use");
            Assert.Equal(0, (await JoinAsync(singleUse, joinPort, caHash, "other-2")).ExitCode);
            var refusedUsed = await JoinAsync(singleUse, joinPort, caHash, "other-3");
            Assert.Contains($"refused to join: join token {singleUse.Split('.')[0]} is used;", refusedUsed.Error);

            var shortLived = await TokenAsync("--ttl", "00:00:01");
            await Eventually.WaitAsync(() => GitorchProcess.RunAsync(_home.FullName, "token", "list", "--dir", ClusterDirectory),
                list => Regex.IsMatch(list.Output, $"(?m)^{shortLived.Split('.')[0]}\\s+expired"), StepTimeout, "the short-lived token to expire");
            var refusedExpired = await JoinAsync(shortLived, joinPort, caHash, "other-4");
            Assert.Contains($"refused to join: join token {shortLived.Split('.')[0]} is expired", refusedExpired.Error);

            foreach (var refused in new[] { refusedRevoked, refusedUsed, refusedExpired })
            {
                Assert.NotEqual(0, refused.ExitCode);
                Assert.Single(refused.Error.Trim().Split('\n'));
            }
            Assert.False(Directory.Exists(Path.Combine(_home.FullName, "nodes", "other-4", "agent-other-4.yaml")));
            Assert.DoesNotContain("other-4", File.ReadAllText(Path.Combine(ClusterDirectory, "nats.conf")));
        }
        finally
        {
            log.WriteLine("server:\n" + server.Output);
            if (agent is not null)
            {
                log.WriteLine("agent:\n" + agent.Output);
                await agent.DisposeAsync();
            }
        }
    }

    [GeneratedRegex("--ca-cert-hash (sha256:[0-9a-f]{64})")]
    private static partial Regex CaHash();

    [GeneratedRegex("gitorch join --token ([a-z0-9]{6}\\.[a-z0-9]{16})")]
    private static partial Regex InitToken();

    [GeneratedRegex("--store \"([^\"]+)\"")]
    private static partial Regex AgentStore();

    public void Dispose()
    {
        HostProbe.RemoveContainersAsync(_node).GetAwaiter().GetResult();
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
