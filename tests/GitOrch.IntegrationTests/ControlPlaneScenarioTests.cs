using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using Xunit.Abstractions;
using GitOrch.Api.Vocabulary;

namespace GitOrch.IntegrationTests;

/// <summary>
/// The controllers and scheduler at work on real parts: servers and agents as separate processes on
/// nats-server, containers on dockerd, manifests in git.
/// </summary>
[Collection("end-to-end")]
public sealed class ControlPlaneScenarioTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");
    private readonly List<string> _nodes = [];

    private string NewNode()
    {
        var node = $"it-{Guid.NewGuid():N}"[..12];
        _nodes.Add(node);
        return node;
    }

    private GitorchProcess Server(NatsServerProcess nats, params string[] extra) =>
        GitorchProcess.Start(_home.FullName, ["server", "--repo", _repo.Path, "--interval", "00:00:00.5", "--listen", "off", "--store", nats.Url, .. extra]);

    private GitorchProcess Agent(NatsServerProcess nats, string node) =>
        GitorchProcess.Start(_home.FullName, ["agent", "--node", node, "--runtime", "docker", "--pod-network", "none", "--store", nats.Url]);

    private static bool IsVersion(Pod pod, int marker) => string.Join(" ", pod.Spec.Containers[0].Command ?? []).Contains($"sleep {marker}");

    private static async Task<List<Pod>> PodsAsync(ObjectClient client) => [.. await client.ListAsync<Pod>("default")];

    [Fact]
    public async Task RollingUpdate_OfSixReplicasWithMaxUnavailableOne_KeepsFiveReady()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);
        _repo.Commit("v1", ("web.yaml", Manifests.RollingDeployment("web", 6, 3600)));
        await using var server = Server(nats);
        await using var agent = Agent(nats, NewNode());
        try
        {
            await Eventually.WaitAsync(() => PodsAsync(client), pods => pods.Count == 6 && pods.All(PodConditions.IsReady), StepTimeout, "6 ready pods");

            _repo.Commit("v2", ("web.yaml", Manifests.RollingDeployment("web", 6, 3601)));
            var lowest = int.MaxValue;
            var samples = 0;
            await Eventually.WaitAsync(async () =>
            {
                var pods = await PodsAsync(client);
                lowest = Math.Min(lowest, pods.Count(PodConditions.IsReady));
                samples++;
                return pods;
            }, pods => pods.Count == 6 && pods.All(pod => PodConditions.IsReady(pod) && IsVersion(pod, 3601)), StepTimeout, "6 ready pods of v2");

            log.WriteLine($"{samples} samples, fewest ready {lowest}");
            Assert.True(samples > 5, "the rollout should take several samples");
            Assert.True(lowest >= 5, $"ready pods fell to {lowest} during the rollout");
        }
        finally
        {
            log.WriteLine("server:\n" + server.Output);
        }
    }

    [Fact]
    public async Task AgentDeath_MarksTheNodeNotReady_AndItsPodsMoveToAnotherAgent()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);
        var (first, second) = (NewNode(), NewNode());
        _repo.Commit("app", ("web.yaml", Manifests.RollingDeployment("web", 4, 3600)));
        await using var survivor = Agent(nats, second);
        var doomed = Agent(nats, first);
        // Both nodes are Ready before the scheduler starts, so the pods spread over both and some land on the doomed one.
        try
        {
            await Eventually.WaitAsync(() => client.ListAsync<Node>(), nodes => nodes.Count(node => NodeHeartbeats.Ready(node)?.Status == "True") == 2, StepTimeout, "both nodes Ready");
        }
        catch
        {
            await doomed.DisposeAsync();
            throw;
        }
        // The grace period outlasts two heartbeats (NodeHeartbeats.Interval), so only the dead node ever turns NotReady.
        await using var server = Server(nats, "--node-grace-period", "00:00:25", "--pod-eviction-timeout", "00:00:03");
        try
        {
            var pods = await Eventually.WaitAsync(() => PodsAsync(client), pods => pods.Count == 4 && pods.All(PodConditions.IsReady), StepTimeout, "4 ready pods");
            Assert.Contains(pods, pod => pod.Spec.NodeName == first);

            await doomed.KillAsync();
            await Eventually.WaitAsync(() => client.GetAsync<Node>(null, first), node => node!.Status!.Conditions!.Single(c => c.Type == "Ready").Status == "Unknown"
                && node.Spec.Taints?.Any(taint => taint.Key == WellKnown.UnreachableTaint) == true, StepTimeout, "the dead agent's node to turn NotReady and tainted");
            pods = await Eventually.WaitAsync(() => PodsAsync(client), pods => pods.Count == 4 && pods.All(pod => pod.Spec.NodeName == second && PodConditions.IsReady(pod)),
                StepTimeout, "all 4 pods ready on the surviving agent");
            await Eventually.WaitAsync(() => client.ListAsync<Event>("default"), events => events.Any(e => e.Reason == "Evicted"), StepTimeout, "an Evicted event");
        }
        finally
        {
            await doomed.DisposeAsync();
            log.WriteLine("server:\n" + server.Output);
        }
    }

    [Fact]
    public async Task CleanlyStoppedAgent_MarksItsNodeNotReadyAtOnce_AndNoNewPodIsBoundToIt()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);
        var (stopped, other) = (NewNode(), NewNode());
        await using var server = Server(nats);
        await using var first = Agent(nats, stopped);
        await Eventually.WaitAsync(() => client.GetAsync<Node>(null, stopped), node => node is not null && NodeHeartbeats.Ready(node)?.Status == "True",
            StepTimeout, "the first agent's node Ready");

        Signals.Terminate(first.Id);
        try
        {
            await Eventually.WaitAsync(() => client.GetAsync<Node>(null, stopped), node => NodeHeartbeats.Ready(node!) is { Status: "False", Reason: "AgentStopped" },
                StepTimeout, "the stopping agent to mark its node NotReady");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the agent printed:\n{first.Output}");
        }
        _repo.Commit("web", ("web.yaml", Manifests.RollingDeployment("web", 2, 3600)));
        var pending = await Eventually.WaitAsync(() => PodsAsync(client), pods => pods.Count == 2 && pods.All(pod =>
            pod.Status?.Conditions?.Any(c => c.Type == PodConditions.Scheduled && c.Status == "False" && c.Message?.Contains("1 node(s) not ready") == true) == true),
            StepTimeout, "2 pods the scheduler keeps off the stopped node");
        Assert.All(pending, pod => Assert.Null(pod.Spec.NodeName));

        await using var second = Agent(nats, other);
        await Eventually.WaitAsync(() => PodsAsync(client), pods => pods.Count == 2 && pods.All(pod => pod.Spec.NodeName == other && PodConditions.IsReady(pod)),
            StepTimeout, "both pods ready on the other agent's node");
    }

    [Fact]
    public async Task AQuotaOfTwoPods_LeavesTheThirdUncreatedWithFailedCreate_AndItsUsageFollowsScaling()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);
        const string quota = """
            apiVersion: v1
            kind: ResourceQuota
            metadata: {name: compute}
            spec:
              hard: {pods: "2"}
            """;
        _repo.Commit("three pods under a quota of two", ("quota.yaml", quota), ("web.yaml", Manifests.RollingDeployment("web", 3, 3600)));
        await using var server = Server(nats);
        await using var agent = Agent(nats, NewNode());

        async Task<string?> UsedPodsAsync() => (await client.GetAsync<ResourceQuota>("default", "compute"))?.Status?.Used?.GetValueOrDefault("pods");
        await Eventually.WaitAsync(() => client.ListAsync<Event>("default"), events => events.Any(e => e.Reason == "FailedCreate"
            && e.Message == "pods for ReplicaSet " + e.InvolvedObject.Name + " are forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2"),
            StepTimeout, "a FailedCreate event with the quota's message");
        await Eventually.WaitAsync(() => PodsAsync(client), pods => pods.Count == 2 && pods.All(PodConditions.IsReady), StepTimeout, "the 2 pods that fit, ready");
        await Eventually.WaitAsync(UsedPodsAsync, used => used == "2", StepTimeout, "the quota to count 2 pods");
        Assert.Equal(2, (await PodsAsync(client)).Count);

        _repo.Commit("scale down", ("web.yaml", Manifests.RollingDeployment("web", 1, 3600)));
        await Eventually.WaitAsync(UsedPodsAsync, used => used == "1", StepTimeout, "the quota to count 1 pod after scaling down");
        Assert.Single(await PodsAsync(client));

        _repo.Commit("scale up", ("web.yaml", Manifests.RollingDeployment("web", 2, 3600)));
        await Eventually.WaitAsync(() => PodsAsync(client), pods => pods.Count == 2 && pods.All(PodConditions.IsReady), StepTimeout, "2 pods ready after scaling up");
        await Eventually.WaitAsync(UsedPodsAsync, used => used == "2", StepTimeout, "the quota to count 2 pods again");
    }

    [Fact]
    public async Task StatefulSet_ScaledThreeToZeroToThree_KeepsOrderNamesAndData()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);
        var node = NewNode();
        _repo.Commit("three", ("db.yaml", Manifests.RecordingStatefulSet("db", 3)));
        await using var server = Server(nats);
        await using var agent = Agent(nats, node);
        var claims = Path.Combine(_home.FullName, node, "volumes");
        try
        {
            var pods = await Eventually.WaitAsync(() => PodsAsync(client), pods => pods.Count == 3 && pods.All(PodConditions.IsReady), StepTimeout, "3 ready pods");
            Assert.Equal(["db-0", "db-1", "db-2"], pods.OrderBy(pod => pod.Metadata.CreationTimestamp).Select(pod => pod.Name));
            var firstRecords = await Eventually.WaitAsync(() => Task.FromResult(ReadClaims(claims)), records => records.Count == 3, StepTimeout, "3 claim files");
            Assert.Equal(["db-0", "db-1", "db-2"], firstRecords.Values.Select(record => record.Split('\n')[0]).Order());
            Assert.All(await client.ListAsync<PersistentVolumeClaim>("default"), claim => Assert.Contains(claim.Spec.VolumeName!, firstRecords.Keys));

            _repo.Commit("zero", ("db.yaml", Manifests.RecordingStatefulSet("db", 0)));
            await Eventually.WaitAsync(() => PodsAsync(client), pods => pods.Count == 0, StepTimeout, "no pods");
            // The controller records each step's event after the step itself, so the last one may trail the deletion.
            var steps = await Eventually.WaitAsync(() => StatefulSetStepsAsync(client), steps => steps.Count >= 6, StepTimeout, "six create and delete events");
            Assert.Equal(["create db-0", "create db-1", "create db-2", "delete db-2", "delete db-1", "delete db-0"], steps);

            _repo.Commit("three again", ("db.yaml", Manifests.RecordingStatefulSet("db", 3)));
            pods = await Eventually.WaitAsync(() => PodsAsync(client), pods => pods.Count == 3 && pods.All(PodConditions.IsReady), StepTimeout, "3 ready pods again");
            Assert.Equal(["db-0", "db-1", "db-2"], pods.OrderBy(pod => pod.Metadata.CreationTimestamp).Select(pod => pod.Name));
            steps = await Eventually.WaitAsync(() => StatefulSetStepsAsync(client), steps => steps.Count >= 9, StepTimeout, "three more create events");
            Assert.Equal(["create db-0", "create db-1", "create db-2"], steps.Skip(6));
            Assert.Equal(firstRecords, ReadClaims(claims));
            Assert.Equal(3, (await client.ListAsync<Event>("default")).Count(e => e.Message.StartsWith("create Claim", StringComparison.Ordinal)));
        }
        finally
        {
            log.WriteLine("server:\n" + server.Output);
        }
    }

    /// <summary>The StatefulSet controller's pod create and delete events, in the order they happened.</summary>
    private static async Task<List<string>> StatefulSetStepsAsync(ObjectClient client) =>
        (await client.ListAsync<Event>("default"))
            .Where(e => e.InvolvedObject.Kind == "StatefulSet" && e.Reason is "SuccessfulCreate" or "SuccessfulDelete" && !e.Message.StartsWith("create Claim", StringComparison.Ordinal))
            .OrderBy(e => e.FirstTimestamp)
            .Select(e => string.Join(" ", e.Message.Split(' ').Take(3).Where(word => word != "Pod")))
            .ToList();

    private static Dictionary<string, string> ReadClaims(string claims) =>
        !Directory.Exists(claims) ? [] : Directory.GetDirectories(claims)
            .Where(directory => File.Exists(Path.Combine(directory, "id")))
            .ToDictionary(directory => Path.GetFileName(directory), directory => File.ReadAllText(Path.Combine(directory, "id")));

    [Fact]
    public async Task LeaderDeath_AnotherServerTakesOverWithinFifteenSeconds_WithoutDoublingPods()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);
        _repo.Commit("three", ("web.yaml", Manifests.RollingDeployment("web", 3, 3600)));
        var first = Server(nats);
        await using var second = Server(nats);
        await using var agent = Agent(nats, NewNode());
        try
        {
            await Eventually.WaitAsync(() => PodsAsync(client), pods => pods.Count == 3 && pods.All(PodConditions.IsReady), StepTimeout, "3 ready pods");
            var lease = await LeaderElection.ReadAsync(store, default);
            var leader = lease!.Holder.EndsWith($"-{first.Id}", StringComparison.Ordinal) ? first : second;
            Assert.True(lease.Holder.EndsWith($"-{leader.Id}", StringComparison.Ordinal), $"lease held by {lease.Holder}");
            var follower = leader == first ? second : first;

            await leader.KillAsync();
            var killedAt = DateTimeOffset.UtcNow;
            _repo.Commit("five", ("web.yaml", Manifests.RollingDeployment("web", 5, 3600)));
            await Eventually.WaitAsync(() => LeaderElection.ReadAsync(store, default), current => current!.Holder.EndsWith($"-{follower.Id}", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), "the follower to take the lease");
            var failover = DateTimeOffset.UtcNow - killedAt;
            log.WriteLine($"failover took {failover.TotalSeconds:0.0}s");
            Assert.True(failover < TimeSpan.FromSeconds(15), $"failover took {failover.TotalSeconds:0.0}s");

            var most = 0;
            await Eventually.WaitAsync(async () =>
            {
                var pods = await PodsAsync(client);
                most = Math.Max(most, pods.Count);
                return pods;
            }, pods => pods.Count == 5 && pods.All(PodConditions.IsReady), StepTimeout, "5 ready pods under the new leader");
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(5, Math.Max(most, (await PodsAsync(client)).Count));
            Assert.Single(await client.ListAsync<ReplicaSet>("default"));
        }
        finally
        {
            await first.DisposeAsync();
            log.WriteLine("second server:\n" + second.Output);
        }
    }

    public void Dispose()
    {
        foreach (var node in _nodes) HostProbe.RemoveContainersAsync(node).GetAwaiter().GetResult();
        _repo.Dispose();
        try
        {
            _home.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
