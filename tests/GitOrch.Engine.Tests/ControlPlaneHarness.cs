using GitOrch.Agent;
using GitOrch.Agent.Pods;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using GitOrch.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Tests;

/// <summary>
/// Controllers against the in-memory store and a clock the test moves, with one node whose agent runs
/// pods on the fake runtime. Tests call reconciles directly, so every step is deterministic.
/// </summary>
public sealed class ControlPlaneHarness
{
    public const string NodeName = "node-1";

    public ControlPlaneHarness(ControlPlaneOptions? options = null)
    {
        Client = new ObjectClient(Store, Clock);
        Context = ControllerContext.Create(Client, NullLoggerFactory.Instance, options, Clock);
        Agent = new PodSync(Client, Context.Informers, Runtime, new AgentOptions { NodeName = NodeName, Runtime = "fake", StateDirectory = "" }, NullLogger.Instance);
        _relay = new PodStatusRelay(Context);
    }

    private readonly PodStatusRelay _relay;
    private HashSet<string> _reports = [];

    public InMemoryObjectStore Store { get; } = new();
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    public ObjectClient Client { get; }
    public ControllerContext Context { get; }
    public FakeRuntime Runtime { get; } = new();
    public PodSync Agent { get; }

    /// <summary>Binds every unscheduled pod to the node and lets its agent start them; they report Running and Ready.</summary>
    public async Task RunPodsAsync()
    {
        foreach (var pod in await Client.ListAsync<Pod>())
            if (pod.Spec.NodeName is null)
                await Client.UpdateAsync(pod with { Spec = pod.Spec with { NodeName = NodeName } }, pod);
        await SyncAgentAsync();
    }

    /// <summary>Runs the pods as <see cref="RunPodsAsync"/> does, then ends every container with the exit code and lets the agent report it.</summary>
    public async Task RunPodsToExitAsync(int exitCode)
    {
        await RunPodsAsync();
        foreach (var pod in await PodsAsync()) Runtime.Exit(pod.Metadata.Uid!, exitCode);
        await SyncAgentAsync();
    }

    private async Task SyncAgentAsync()
    {
        await CacheCatchUp.WaitAsync(Context.Informers, Client, [Kinds.Pod]);
        await Agent.SyncOnceAsync(CancellationToken.None);
        await RelayReportsAsync();
    }

    /// <summary>Does what the running relay would with the reports the agent put and withdrew since the last call.</summary>
    private async Task RelayReportsAsync()
    {
        var reports = await Store.ListAsync(Buckets.Meta, PodStatusReports.KeyPrefix);
        foreach (var report in reports)
            await _relay.RelayAsync(new WatchEvent(WatchEventType.Put, report.Key, report.Value, report.Revision), CancellationToken.None);
        foreach (var withdrawn in _reports.Except(reports.Select(report => report.Key)))
            await _relay.RelayAsync(new WatchEvent(WatchEventType.Delete, withdrawn, null, 0), CancellationToken.None);
        _reports = reports.Select(report => report.Key).ToHashSet();
    }

    /// <summary>
    /// Reconciles one object once the process's caches hold everything the test wrote so far, as a
    /// running controller's would by the time the change woke it.
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(Controller controller, string name, string ns = "default")
    {
        await CacheCatchUp.WaitAsync(Context.Informers, Client, Kinds.All);
        return await controller.ReconcileAsync(ns, name, CancellationToken.None);
    }

    /// <summary>
    /// Binds every pending claim to a volume of its own, as the local-path provisioner would: a
    /// directory in <paramref name="directory"/>, made for the claim on this harness's node.
    /// </summary>
    public async Task ProvisionClaimsAsync(string directory)
    {
        var binder = new Controllers.PersistentVolumeBinder(Context);
        var localPath = new StorageClass { Metadata = new ObjectMeta { Name = WellKnown.LocalPathStorageClass }, Provisioner = WellKnown.LocalPathProvisioner };
        foreach (var claim in await Client.ListAsync<PersistentVolumeClaim>())
        {
            if (claim.Spec.VolumeName is not null) continue;
            await Client.CreateAsync(LocalPathVolumes.For(claim, localPath, NodeName, Path.Combine(directory, claim.Name)));
            await ReconcileAsync(binder, claim.Name, claim.Namespace!);
        }
    }

    public async Task<IReadOnlyList<Pod>> PodsAsync(string? ns = "default") => await Client.ListAsync<Pod>(ns);

    public async Task<int> ReadyPodsAsync() => (await PodsAsync()).Count(PodConditions.IsReady);

    public Task<T> CreateAsync<T>(T obj) where T : KubeObject => Client.CreateAsync(obj);

    public static PodTemplateSpec Template(string app, string image = "busybox:1.36", string restartPolicy = "Always") => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = app } },
        Spec = new PodSpec { RestartPolicy = restartPolicy, Containers = [new Container { Name = "main", Image = image }] },
    };

    public static LabelSelector Selector(string app) => new() { MatchLabels = new() { ["app"] = app } };

    public static ObjectMeta Meta(string name) => new() { Name = name, Namespace = "default" };
}
