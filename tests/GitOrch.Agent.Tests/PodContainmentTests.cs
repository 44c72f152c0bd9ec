using GitOrch.Agent.Pods;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GitOrch.Agent.Tests;

/// <summary>
/// What the agent does with objects that never passed validation (written to the store directly):
/// no path it builds leaves the pod's directory, hostNetwork is refused, and vanished containers come back.
/// </summary>
public sealed class PodContainmentTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeRuntime _runtime;
    private readonly ObjectClient _client;
    private readonly SharedInformers _informers;
    private readonly PodSync _sync;
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("agent-state-");
    private readonly DirectoryInfo _outside = Directory.CreateTempSubdirectory("agent-outside-");

    public PodContainmentTests()
    {
        _runtime = new FakeRuntime(_clock);
        _client = new ObjectClient(new InMemoryObjectStore(), _clock);
        var options = new AgentOptions { NodeName = "n1", StateDirectory = _state.FullName, RestartBackoff = TimeSpan.FromSeconds(10) };
        _informers = new SharedInformers(_client);
        _sync = new PodSync(_client, _informers, _runtime, options, NullLogger.Instance, _clock);
    }

    private async Task SyncOnceAsync()
    {
        await CacheCatchUp.WaitAsync(_informers, _client, [Kinds.Pod]);
        await _sync.SyncOnceAsync(CancellationToken.None);
        await RelayedReports.CopyAsync(_client.Store);
    }

    /// <summary>A path from the pod's volume folder to the test's outside folder, by '..'.</summary>
    private string Escape(string file) => Path.GetRelativePath(Path.Combine(_state.FullName, "pods", "uid", "volumes", "v"), Path.Combine(_outside.FullName, file));

    private async Task<Pod> RunAsync(PodSpec spec)
    {
        var pod = await _client.CreateAsync(new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new ObjectMeta { Name = "p", Namespace = "default" }, Spec = spec with { NodeName = "n1" } });
        await SyncOnceAsync();
        return (await _client.GetAsync<Pod>("default", pod.Name))!;
    }

    private Task<ConfigMap> ConfigMapAsync(Dictionary<string, string> data) =>
        _client.CreateAsync(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "c", Namespace = "default" }, Data = data });

    private static PodSpec WithVolume(Volume volume) => new()
    {
        Containers = [new Container { Name = "app", Image = "busybox:1.36", VolumeMounts = [new VolumeMount { Name = volume.Name, MountPath = "/v" }] }],
        Volumes = [volume],
    };

    private static ContainerStateWaiting? Waiting(Pod pod) => pod.Status!.ContainerStatuses![0].State!.Waiting;

    [Fact]
    public async Task ConfigMapKeyThatClimbsOut_FailsTheStart_AndWritesNothingOutside()
    {
        await ConfigMapAsync(new() { [Escape("key-escape")] = "owned" });

        var pod = await RunAsync(WithVolume(new Volume { Name = "v", ConfigMap = new ConfigMapVolumeSource { Name = "c" } }));

        Assert.Equal("CreateContainerConfigError", Waiting(pod)!.Reason);
        Assert.Contains("leads outside", Waiting(pod)!.Message);
        Assert.Empty(_outside.GetFiles());
    }

    [Theory]
    [InlineData("relative")]
    [InlineData("absolute")]
    public async Task ItemsPathOutsideTheVolume_FailsTheStart_AndWritesNothingOutside(string form)
    {
        await ConfigMapAsync(new() { ["k"] = "owned" });
        var path = form == "absolute" ? Path.Combine(_outside.FullName, "item-escape") : Escape("item-escape");

        var pod = await RunAsync(WithVolume(new Volume { Name = "v", ConfigMap = new ConfigMapVolumeSource { Name = "c", Items = [new KeyToPath { Key = "k", Path = path }] } }));

        Assert.Contains("leads outside", Waiting(pod)!.Message);
        Assert.Empty(_outside.GetFiles());
    }

    [Fact]
    public async Task VolumeNameThatClimbsOut_FailsTheStart_AndMakesNoDirectoryOutside()
    {
        var pod = await RunAsync(WithVolume(new Volume { Name = Path.GetRelativePath(Path.Combine(_state.FullName, "pods", "uid", "volumes"), Path.Combine(_outside.FullName, "dir-escape")), EmptyDir = new() }));

        Assert.Contains("leads outside", Waiting(pod)!.Message);
        Assert.Empty(_outside.GetFileSystemInfos());
    }

    [Fact]
    public async Task LinkPlantedInsideAVolume_IsNotFollowed()
    {
        await ConfigMapAsync(new() { ["k"] = "owned" });
        var spec = WithVolume(new Volume { Name = "v", ConfigMap = new ConfigMapVolumeSource { Name = "c", Items = [new KeyToPath { Key = "k", Path = "dir/file" }] } });
        var pod = await RunAsync(spec);
        var volume = Path.Combine(_state.FullName, "pods", pod.Metadata.Uid!, "volumes", "v");
        Assert.Equal("owned", File.ReadAllText(Path.Combine(volume, "dir", "file")));
        Directory.Delete(Path.Combine(volume, "dir"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(volume, "dir"), _outside.FullName);

        _runtime.Exit(pod.Metadata.Uid!, 1);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await SyncOnceAsync();

        Assert.Empty(_outside.GetFiles());
    }

    [Fact]
    public async Task HostNetwork_IsRefusedWithAReason_NeverIgnored()
    {
        var pod = await RunAsync(new PodSpec { HostNetwork = true, Containers = [new Container { Name = "app", Image = "busybox:1.36" }] });

        Assert.Equal("CreatePodSandboxError", Waiting(pod)!.Reason);
        Assert.Equal("hostNetwork is not supported: every pod runs in a network namespace of its own", Waiting(pod)!.Message);
        Assert.Empty((await _runtime.InventoryAsync(default)).Containers);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task VanishedContainers_AreRecreatedOnTheNextSync_CountedAsARestart(bool sandboxToo)
    {
        var pod = await RunAsync(new PodSpec { Containers = [new Container { Name = "app", Image = "busybox:1.36" }] });
        Assert.Equal("Running", pod.Status!.Phase);

        _runtime.Vanish(pod.Metadata.Uid!, sandboxToo);
        await SyncOnceAsync();
        pod = (await _client.GetAsync<Pod>("default", "p"))!;

        Assert.Equal("Running", pod.Status!.Phase);
        Assert.Equal(1, pod.Status.ContainerStatuses![0].RestartCount);
        var inventory = await _runtime.InventoryAsync(default);
        Assert.Contains(pod.Metadata.Uid!, inventory.RunningSandboxPodUids);
        Assert.Single(inventory.Containers, c => c.IsRunning);
    }

    public void Dispose()
    {
        _state.Delete(recursive: true);
        _outside.Delete(recursive: true);
    }
}
