using System.Text;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using NATS.NKeys;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOrch.IntegrationTests.Security;

/// <summary>Each role's limits, enforced by nats-server itself from the configuration <c>gitorch init</c> wrote.</summary>
public sealed class StorePermissionsTests
{
    private static readonly byte[] Injected = Encoding.UTF8.GetBytes("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"injected"}}""");

    [Fact]
    public async Task AnAgentsCredential_CannotWriteADeploymentOrAnotherNode_ButWritesItsOwnNode()
    {
        await using var secured = await SecuredStore.StartAsync(["node-a", "node-b"]);
        await using var server = await NatsObjectStore.ConnectAsync(secured.LocationFor("server"));
        await using var agent = await NatsObjectStore.ConnectAsync(secured.LocationFor("agent-node-a"));

        var deployment = await Assert.ThrowsAsync<PermissionDeniedException>(() => agent.PutAsync(Buckets.Objects, "deployments.default.injected", Injected));
        var otherNode = await Assert.ThrowsAsync<PermissionDeniedException>(() => agent.PutAsync(Buckets.Status, "nodes._.node-b", [1]));
        await agent.PutAsync(Buckets.Status, "nodes._.node-a", [1]);

        Assert.Equal("permission denied: node-a (role agent) may not publish to $KV.objects.deployments.default.injected", deployment.Message);
        Assert.Contains("$KV.status.nodes._.node-b", otherNode.Message);
        Assert.Null(await server.GetAsync(Buckets.Objects, "deployments.default.injected"));
        Assert.Null(await server.GetAsync(Buckets.Status, "nodes._.node-b"));
        Assert.NotNull(await server.GetAsync(Buckets.Status, "nodes._.node-a"));
    }

    [Fact]
    public async Task AnAgentsCredential_CannotWriteAPodsStatus_AndTheRelayTakesItsReportsOnlyForItsOwnPods()
    {
        await using var secured = await SecuredStore.StartAsync(["node-a", "node-b"]);
        await using var server = await NatsObjectStore.ConnectAsync(secured.LocationFor("server"));
        await using var agent = await NatsObjectStore.ConnectAsync(secured.LocationFor("agent-node-a"));
        var client = new ObjectClient(server);
        var onA = await client.CreateAsync(PodOn("on-a", "node-a"));
        var onB = await client.CreateAsync(PodOn("on-b", "node-b"));
        using var stop = new CancellationTokenSource();
        var relay = new PodStatusRelay(ControllerContext.Create(client, NullLoggerFactory.Instance)).RunAsync(stop.Token);
        var failed = new PodStatus { Phase = PodPhases.Failed };

        var direct = await Assert.ThrowsAsync<PermissionDeniedException>(() => agent.PutAsync(Buckets.Status, ObjectKeys.For(onB), [1]));
        var asNodeB = await Assert.ThrowsAsync<PermissionDeniedException>(() => PodStatusReports.ReportAsync(agent, "node-b", onB, failed, CancellationToken.None));
        await PodStatusReports.ReportAsync(agent, "node-a", onB, failed, CancellationToken.None);
        await PodStatusReports.ReportAsync(agent, "node-a", onA, new PodStatus { Phase = PodPhases.Running }, CancellationToken.None);

        await Eventually.WaitAsync(() => client.GetAsync<Pod>("default", "on-a"), pod => pod?.Status?.Phase == PodPhases.Running, TimeSpan.FromSeconds(30), "the relay copies node-a's report");
        await Eventually.WaitAsync(() => client.ListAsync<Event>("default"), events => events.Any(e => e.Reason == "StatusReportRefused"), TimeSpan.FromSeconds(30), "the relay refuses node-a's report on node-b's pod");
        await stop.CancelAsync();
        await relay.ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.Contains($"$KV.status.{ObjectKeys.For(onB)}", direct.Message);
        Assert.Contains("$KV.meta.podstatus.node-b.", asNodeB.Message);
        Assert.Null((await client.GetAsync<Pod>("default", "on-b"))!.Status);
    }

    private static Pod PodOn(string name, string node) => new()
    {
        ApiVersion = "v1", Kind = "Pod", Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec { NodeName = node, Containers = [new Container { Name = "main", Image = "busybox:1.36" }] },
    };

    [Fact]
    public async Task AViewer_ReadsButWritesNothing_AndTheServerWritesObjects()
    {
        await using var secured = await SecuredStore.StartAsync([]);
        var beforeTheServer = await Assert.ThrowsAsync<StoreUnavailableException>(() => NatsObjectStore.ConnectAsync(secured.LocationFor("viewer")));
        Assert.StartsWith("the store has no bucket objects yet, and this credential may not create it", beforeTheServer.Message);
        await using var server = await NatsObjectStore.ConnectAsync(secured.LocationFor("server"));
        await server.PutAsync(Buckets.Objects, "configmaps.default.settings", [7]);
        await using var viewer = await NatsObjectStore.ConnectAsync(secured.LocationFor("viewer"));

        var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() => viewer.PutAsync(Buckets.Objects, "configmaps.default.settings", [8]));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => viewer.DeleteAsync(Buckets.Objects, "configmaps.default.settings"));

        Assert.Contains("viewer (role viewer)", denied.Message);
        Assert.Equal([7], (await viewer.GetAsync(Buckets.Objects, "configmaps.default.settings"))!.Value);
        Assert.Single(await viewer.ListAsync(Buckets.Objects, "configmaps."));
    }

    [Fact]
    public async Task AnAgentsCredential_CannotDeleteABucket_EvenWithARawClient()
    {
        await using var secured = await SecuredStore.StartAsync(["node-a"]);
        await using var server = await NatsObjectStore.ConnectAsync(secured.LocationFor("server"));
        await server.PutAsync(Buckets.Objects, "configmaps.default.settings", [7]);
        var credentials = StoreCredentials.Load(secured.Cluster.CredentialsFor("agent-node-a"));
        using var pair = KeyPair.FromSeed(credentials.NkeySeed);
        await using var raw = new NatsConnection(NatsOpts.Default with
        {
            Url = $"tls://127.0.0.1:{secured.Port}",
            AuthOpts = NatsAuthOpts.Default with { NKey = pair.GetPublicKey(), Seed = credentials.NkeySeed },
            TlsOpts = NatsTlsOpts.Default with { InsecureSkipVerify = true },
            RequestTimeout = TimeSpan.FromSeconds(3),
        });
        var kv = new NatsKVContext(new NatsJSContext(raw));
        await kv.GetStoreAsync(Buckets.Objects);

        await Assert.ThrowsAnyAsync<Exception>(async () => await kv.DeleteStoreAsync(Buckets.Objects));

        Assert.Equal([7], (await server.GetAsync(Buckets.Objects, "configmaps.default.settings"))!.Value);
    }

    [Fact]
    public async Task BadCredentials_FailWithOneLine_AndConnectNothing()
    {
        await using var secured = await SecuredStore.StartAsync([]);
        await using var other = await SecuredStore.StartAsync([]);
        var malformed = Path.Combine(secured.Cluster.Root, "malformed.yaml");
        await File.WriteAllTextAsync(malformed, "identity: x\nnkeySeed: [unclosed\n");
        var plain = await NatsServerProcess.StartAsync();

        var errors = new[]
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => NatsObjectStore.ConnectAsync($"tls://127.0.0.1:{secured.Port}?credentials={malformed}")),
            // A CA from another cluster: the server's certificate does not chain to it.
            await Assert.ThrowsAsync<StoreUnavailableException>(() => NatsObjectStore.ConnectAsync($"tls://127.0.0.1:{secured.Port}?credentials={other.Cluster.CredentialsFor("admin")}")),
            // TLS asked of a server that has none.
            await Assert.ThrowsAsync<StoreUnavailableException>(() => NatsObjectStore.ConnectAsync($"{plain.Url}?credentials={secured.Cluster.CredentialsFor("admin")}")),
        };
        await plain.DisposeAsync();

        Assert.StartsWith($"store credentials {malformed}:2", errors[0].Message);
        Assert.All(errors, error => Assert.DoesNotContain('\n', error.Message));
        Assert.All(errors[1..], error => Assert.Contains("cannot reach the NATS store at", error.Message));
    }

    [Fact]
    public async Task AServerCertificateThatHasExpired_IsRefusedWithOneLine()
    {
        await using var expired = await SecuredStore.StartAsync([], initialisedAt: DateTimeOffset.UtcNow.AddDays(-400));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => NatsObjectStore.ConnectAsync(expired.LocationFor("admin")));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("cannot reach the NATS store at tls://127.0.0.1", error.Message);
    }
}
