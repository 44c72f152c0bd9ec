using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests.Security;

/// <summary>
/// A cluster made by <c>gitorch init</c>: nats-server with TLS and NKey users, a server and two agents as
/// processes, each with its own credential; the agents' endpoints ask callers for certificates.
/// </summary>
[Collection("end-to-end")]
public sealed class SecuredClusterTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");
    private readonly string[] _nodes = [$"sa-{Guid.NewGuid():N}"[..10], $"sb-{Guid.NewGuid():N}"[..10]];

    [Fact]
    public async Task Init_ThenAServerAndTwoAgentsWithTheirOwnCredentials_RunADeployment()
    {
        var nodes = _nodes;
        await using var cluster = await InitializedCluster.StartAsync(_home.FullName, ["--node", nodes[0], "--node", nodes[1]]);
        _repo.Commit("v1", ("web.yaml", Manifests.RollingDeployment("web", 2, 3600)));

        await using var server = GitorchProcess.Start(_home.FullName, ["server", "--repo", _repo.Path, "--interval", "00:00:00.5", "--listen", "off", "--store", cluster.Location("server")]);
        await using var agentA = GitorchProcess.Start(_home.FullName, ["agent", "--node", nodes[0], "--runtime", "docker", "--pod-network", "none", "--store", cluster.Location($"agent-{nodes[0]}")]);
        await using var agentB = GitorchProcess.Start(_home.FullName, ["agent", "--node", nodes[1], "--runtime", "docker", "--pod-network", "none", "--store", cluster.Location($"agent-{nodes[1]}")]);
        await using var viewer = await NatsObjectStore.ConnectAsync(cluster.Location("viewer"));
        var client = new ObjectClient(viewer);
        try
        {
            await Eventually.WaitAsync(() => client.ListAsync<Pod>("default"), pods => pods.Count == 2 && pods.All(PodConditions.IsReady), StepTimeout, "2 ready pods");
            var listed = await GitorchProcess.RunAsync(_home.FullName, "get", "pods", "--store", cluster.Location("viewer"));
            var refused = await GitorchProcess.RunAsync(_home.FullName, "cordon", nodes[0], "--store", cluster.Location("viewer"));

            Assert.Equal(0, listed.ExitCode);
            Assert.Contains("web-", listed.Output);
            Assert.Equal(4, refused.ExitCode);
            Assert.StartsWith("error: permission denied: viewer (role viewer) may not publish to $KV.objects.nodes._.", refused.Error);
            Assert.NotEqual(true, (await client.GetAsync<Node>(null, nodes[0]))!.Spec.Unschedulable);
            Assert.DoesNotContain("permission denied", agentA.Output + agentB.Output + server.Output);

            // The agents serve logs and exec over TLS with client certificates, to the admin and server roles only.
            var pod = (await client.ListAsync<Pod>("default"))[0];
            var asAdmin = await GitorchProcess.RunAsync(_home.FullName, "exec", pod.Name, "--store", cluster.Location("admin"), "--", "echo", "hello-over-tls");
            var asViewer = await GitorchProcess.RunAsync(_home.FullName, "exec", pod.Name, "--store", cluster.Location("viewer"), "--", "echo", "hello-over-tls");
            Assert.True(asAdmin.ExitCode == 0, asAdmin.Error);
            Assert.Contains("hello-over-tls", asAdmin.Output);
            Assert.NotEqual(0, asViewer.ExitCode);
            Assert.Equal("error: viewer (role viewer) may not call logs or exec; the admin and server credentials may\n", asViewer.Error.ReplaceLineEndings("\n"));
            var node = (await client.GetAsync<Node>(null, pod.Spec.NodeName!))!;
            Assert.Equal("https", node.Status!.DaemonEndpoints!.KubeletEndpoint!.Scheme);
            using var noCertificate = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
            var exec = $"https://127.0.0.1:{node.Status.DaemonEndpoints.KubeletEndpoint.Port}/pods/default/{pod.Name}/exec";
            await Assert.ThrowsAsync<HttpRequestException>(() => noCertificate.PostAsync(exec, new StringContent("[\"touch\", \"/tmp/should-not-exist\"]", System.Text.Encoding.UTF8, "application/json")));
        }
        finally
        {
            log.WriteLine("server:\n" + server.Output);
            log.WriteLine("agent a:\n" + agentA.Output);
        }
    }

    public void Dispose()
    {
        foreach (var node in _nodes) HostProbe.RemoveContainersAsync(node).GetAwaiter().GetResult();
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
