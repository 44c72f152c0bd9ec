using GitOrch.Agent.Pods;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GitOrch.Agent.Tests;

/// <summary>The agent's pod lifecycle on the fake runtime and a clock the test moves.</summary>
public sealed class PodWorkerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeRuntime _runtime;
    private readonly ObjectClient _client;
    private readonly SharedInformers _informers;
    private readonly PodSync _sync;

    public PodWorkerTests()
    {
        _runtime = new FakeRuntime(_clock);
        _client = new ObjectClient(new InMemoryObjectStore(), _clock);
        _informers = new SharedInformers(_client);
        _sync = new PodSync(_client, _informers, _runtime, new AgentOptions { NodeName = "n1", StateDirectory = Directory.CreateTempSubdirectory("agent-test-").FullName, RestartBackoff = TimeSpan.FromSeconds(10) }, NullLogger.Instance, _clock);
    }

    private async Task SyncOnceAsync()
    {
        await CacheCatchUp.WaitAsync(_informers, _client, [Kinds.Pod]);
        await _sync.SyncOnceAsync(CancellationToken.None);
        await RelayedReports.CopyAsync(_client.Store);
    }

    private Task<Pod> CreateAsync(PodSpec spec) => _client.CreateAsync(new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new ObjectMeta { Name = "p", Namespace = "default" }, Spec = spec with { NodeName = "n1" } });

    private async Task<Pod> SyncAsync()
    {
        await SyncOnceAsync();
        return (await _client.GetAsync<Pod>("default", "p"))!;
    }

    private static Container C(string name) => new() { Name = name, Image = "busybox:1.36" };

    [Fact]
    public async Task InitContainers_RunOneAtATime_BeforeTheAppContainers()
    {
        var pod = await CreateAsync(new PodSpec { InitContainers = [C("init-1"), C("init-2")], Containers = [C("app")] });
        var running = new List<string>();
        for (var step = 0; step < 3; step++)
        {
            pod = await SyncAsync();
            running.Add(string.Join(",", (await _runtime.InventoryAsync(default)).Containers.Where(c => c.IsRunning).Select(c => c.Name)));
            Assert.Equal(step < 2 ? "Pending" : "Running", pod.Status!.Phase);
            _runtime.Exit(pod.Metadata.Uid!, 0);
            if (step == 2) break;
        }
        Assert.Equal(["init-1", "init-2", "app"], running);
        Assert.Equal("True", pod.Status!.Conditions!.Single(c => c.Type == "Initialized").Status);
    }

    [Fact]
    public async Task CrashingContainer_RestartsAtOnce_ThenWaitsDoublingBackoff_InCrashLoopBackOff()
    {
        var pod = await CreateAsync(new PodSpec { Containers = [C("app")] });
        await SyncAsync();
        _runtime.Exit(pod.Metadata.Uid!, 1);
        pod = await SyncAsync();
        Assert.Equal(1, pod.Status!.ContainerStatuses![0].RestartCount);
        Assert.NotNull(pod.Status.ContainerStatuses[0].State!.Running);
        Assert.Equal(1, pod.Status.ContainerStatuses[0].LastState!.Terminated!.ExitCode);

        foreach (var wait in new[] { 10, 20, 40 })
        {
            _runtime.Exit(pod.Metadata.Uid!, 1);
            pod = await SyncAsync();
            Assert.Equal("CrashLoopBackOff", pod.Status!.ContainerStatuses![0].State!.Waiting!.Reason);
            _clock.Advance(TimeSpan.FromSeconds(wait - 1));
            Assert.NotNull((await SyncAsync()).Status!.ContainerStatuses![0].State!.Waiting);
            _clock.Advance(TimeSpan.FromSeconds(1));
            pod = await SyncAsync();
            Assert.NotNull(pod.Status!.ContainerStatuses![0].State!.Running);
        }
        Assert.Equal(4, pod.Status!.ContainerStatuses![0].RestartCount);
        Assert.Equal(2, (await _runtime.InventoryAsync(default)).Containers.Count(c => c.Name == "app"));
    }

    [Theory]
    [InlineData("Never", 1, "Failed")]
    [InlineData("OnFailure", 0, "Succeeded")]
    [InlineData("Never", 0, "Succeeded")]
    public async Task RestartPolicy_DecidesWhetherAnExitIsFinal(string policy, int exitCode, string phase)
    {
        var pod = await CreateAsync(new PodSpec { Containers = [C("app")], RestartPolicy = policy });
        await SyncAsync();
        _runtime.Exit(pod.Metadata.Uid!, exitCode);
        pod = await SyncAsync();
        Assert.Equal(phase, pod.Status!.Phase);
        Assert.Equal(exitCode, pod.Status.ContainerStatuses![0].State!.Terminated!.ExitCode);
    }

    [Theory]
    [InlineData("configmap")]
    [InlineData("serviceaccount")]
    public async Task AMissingInput_LeavesTheContainerWaiting_ThenStartsWhenItAppears(string kind)
    {
        var env = new EnvVar { Name = "X", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new KeySelector { Name = "settings", Key = "x" } } };
        var meta = new ObjectMeta { Name = "settings", Namespace = "default" };
        var (spec, input) = kind == "configmap"
            ? (new PodSpec { Containers = [C("app") with { Env = [env] }] }, (KubeObject)new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = meta, Data = new() { ["x"] = "1" } })
            : (new PodSpec { ServiceAccountName = "settings", Containers = [C("app")] }, new ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = meta });
        await CreateAsync(spec);
        var pod = await SyncAsync();
        Assert.Equal("CreateContainerConfigError", pod.Status!.ContainerStatuses![0].State!.Waiting!.Reason);
        Assert.Contains($"{kind} \"settings\" not found", pod.Status.ContainerStatuses[0].State!.Waiting!.Message);
        Assert.Contains((await _client.ListAsync<Event>("default")), e => e.Reason == "Failed");

        await _client.CreateAsync(input);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.NotNull((await SyncAsync()).Status!.ContainerStatuses![0].State!.Running);
    }

    private async Task<List<string>> RunningAsync() =>
        (await _runtime.InventoryAsync(default)).Containers.Where(c => c.IsRunning).Select(c => c.Name).Order().ToList();

    [Fact]
    public async Task ASidecar_StartsBeforeTheApp_RunsBesideIt_RestartsWhenItExits_AndStopsOnceAJobsAppIsDone()
    {
        var pod = await CreateAsync(new PodSpec { RestartPolicy = "Never", InitContainers = [C("shipper") with { RestartPolicy = "Always" }], Containers = [C("job")] });
        await SyncAsync();
        var sidecarOnly = await RunningAsync();
        var running = await SyncAsync();
        var both = await RunningAsync();
        _runtime.Exit(pod.Metadata.Uid!, "shipper", 1);
        var restarted = await SyncAsync();

        _runtime.Exit(pod.Metadata.Uid!, "job", 0);
        await SyncAsync();
        await Eventually.WaitAsync(RunningAsync, names => names.Count == 0, TimeSpan.FromSeconds(30), "the sidecar stopped after the job's container finished");
        var done = await SyncAsync();

        Assert.Equal(["shipper"], sidecarOnly);
        Assert.Equal(["job", "shipper"], both);
        Assert.Equal(("Running", "True"), (running.Status!.Phase, running.Status.Conditions!.Single(c => c.Type == "Initialized").Status));
        Assert.Equal(1, restarted.Status!.InitContainerStatuses!.Single().RestartCount);
        Assert.NotNull(restarted.Status.InitContainerStatuses!.Single().State!.Running);
        Assert.Equal("Succeeded", done.Status!.Phase);
    }

    [Fact]
    public async Task AContainerWithAReadinessProbe_IsNotReadyOnTheSyncThatStartsIt()
    {
        var probe = new Probe { Exec = new ExecAction { Command = ["not-yet"] }, PeriodSeconds = 1 };
        _runtime.ExecExitCodes["not-yet"] = 1;
        await CreateAsync(new PodSpec { Containers = [C("app") with { ReadinessProbe = probe }] });

        var started = await SyncAsync();

        Assert.NotNull(started.Status!.ContainerStatuses![0].State!.Running);
        Assert.False(started.Status.ContainerStatuses[0].Ready);
        Assert.Equal("False", started.Status.Conditions!.Single(c => c.Type == "Ready").Status);
    }
}
