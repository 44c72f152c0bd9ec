using GitOrch.Agent;
using GitOrch.Agent.Proxy;
using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using GitOrch.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using static GitOrch.Engine.Tests.ControlPlaneHarness;

namespace GitOrch.Engine.Tests;

public sealed class SharedInformersTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheWholeControlPlaneAndAnAgentsProxy_HoldOneWatchPerKind()
    {
        var store = new InstrumentedStore(new InMemoryObjectStore());
        var client = new ObjectClient(store);
        var informers = new SharedInformers(client);
        using var stop = new CancellationTokenSource();
        var context = ControllerContext.Create(client, NullLoggerFactory.Instance, informers: informers);
        var running = Task.WhenAll(
            ControlPlane.RunAsync(context, stop.Token),
            new ServiceProxy(informers, client, new AgentOptions { NodeName = "n", StateDirectory = "" }, new TrafficCounters(), NullLogger.Instance).RunAsync(stop.Token));
        try
        {
            await client.CreateAsync(new Deployment
            {
                ApiVersion = "apps/v1", Kind = "Deployment", Metadata = Meta("web"),
                Spec = new DeploymentSpec { Replicas = 2, Selector = Selector("web"), Template = Template("web") },
            });
            await Eventually.WaitAsync(() => client.ListAsync<Pod>("default"), pods => pods.Count == 2, Timeout, "the Deployment's 2 pods");
            await Eventually.WaitAsync(() => Task.FromResult(store.Watches.Keys.ToList()),
                watched => watched.Count == 2 * informers.Count + 1, Timeout, "a spec and a status watch for each kind asked for, and one of the pod status reports");

            Assert.All(store.Watches, pair => Assert.Equal(1, pair.Value));
            Assert.Contains($"{Buckets.Objects}:{ObjectKeys.Prefix(Kinds.Pod, null)}", store.Watches.Keys);
            Assert.Contains($"{Buckets.Meta}:{PodStatusReports.KeyPrefix}", store.Watches.Keys);
        }
        finally
        {
            await stop.CancelAsync();
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task AReplicaSetReconciledAgainAtOnce_SeesItsOwnPods_ThoughTheCacheLags()
    {
        var client = new ObjectClient(new InstrumentedStore(new InMemoryObjectStore(), watchLag: TimeSpan.FromMilliseconds(100)));
        var context = ControllerContext.Create(client, NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var controller = new ReplicaSetController(context);
        var caches = await context.Informers.WaitForSyncAsync([Kinds.ReplicaSet, Kinds.Pod], stop.Token);
        try
        {
            var set = await client.CreateAsync(new ReplicaSet
            {
                ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = Meta("web"),
                Spec = new ReplicaSetSpec { Replicas = 3, Selector = Selector("web"), Template = Template("web") },
            });
            var replicaSets = context.Informers.For(Kinds.ReplicaSet);
            await replicaSets.WaitUntilAsync(() => replicaSets.Reflects(set), Timeout, stop.Token);

            await controller.ReconcileAsync("default", "web", stop.Token);
            await controller.ReconcileAsync("default", "web", stop.Token);

            Assert.Equal(3, (await client.ListAsync<Pod>("default")).Count);
        }
        finally
        {
            await stop.CancelAsync();
            await caches.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task AnObjectWhoseStatusChanges_IsNeverMissingFromItsIndexMeanwhile()
    {
        var client = new ObjectClient(new InMemoryObjectStore());
        var informers = new SharedInformers(client);
        var pods = informers.For(Kinds.Pod);
        var checking = false;
        var missed = 0;
        // The index asks for an object's values in the middle of an update: the pod must still be found there.
        pods.AddIndex("node", pod =>
        {
            if (checking && !pods.ByIndex("node", "n1").Any()) missed++;
            return pod is Pod { Spec.NodeName: { } node } ? [node] : [];
        });
        using var stop = new CancellationTokenSource();
        var caches = await informers.WaitForSyncAsync([Kinds.Pod], stop.Token);
        try
        {
            var pod = await client.CreateAsync(new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = Meta("web-0"), Spec = Template("web").Spec with { NodeName = "n1" } });
            await pods.WaitUntilAsync(() => pods.Reflects(pod), Timeout, stop.Token);
            checking = true;
            foreach (var phase in new[] { "Pending", "Running", "Succeeded" })
            {
                await client.PutStatusAsync(pod, new PodStatus { Phase = phase });
                await pods.WaitUntilAsync(() => (pods.Get(ObjectKeys.For(pod)) as Pod)?.Status?.Phase == phase, Timeout, stop.Token);
            }

            Assert.Equal("Succeeded", (pods.ByIndex("node", "n1").Single() as Pod)!.Status!.Phase);
            Assert.Equal(0, missed);
        }
        finally
        {
            await stop.CancelAsync();
            await caches.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
