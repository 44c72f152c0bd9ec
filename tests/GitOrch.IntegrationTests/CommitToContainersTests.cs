using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// The end-to-end path with every real part: commits in a real Git repository become containers on a
/// real Docker daemon (server and agent as separate processes on NATS), or host processes (through up).
/// </summary>
[Collection("end-to-end")]
public sealed class CommitToContainersTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    [Fact]
    public async Task ServerAndAgentOnNats_RunCommittedReplicasAsDockerContainers_ThenScaleAndPrune()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        var node = $"it-{Guid.NewGuid():N}"[..12];
        var store = new[] { "--store", nats.Url };
        _repo.Commit("three replicas", ("apps/sleep.yaml", Manifests.SleepDeployment("sleeper", 3, 3600)));

        await using var server = GitorchProcess.Start(_home.FullName, ["server", "--repo", _repo.Path, "--interval", "00:00:00.5", .. store]);
        await using var agent = GitorchProcess.Start(_home.FullName, ["agent", "--node", node, "--runtime", "docker", "--pod-network", "none", .. store]);
        try
        {
            var pods = await WaitForPodsAsync(store, pods => PodListing.AllRunning(pods, 3), "3 running pods");
            Assert.All(pods, pod => Assert.Equal(node, pod.NodeName));
            Assert.Equal(3, await HostProbe.RunningContainersAsync(node));

            _repo.Commit("scale to one", ("apps/sleep.yaml", Manifests.SleepDeployment("sleeper", 1, 3600)));
            await WaitForPodsAsync(store, pods => PodListing.AllRunning(pods, 1), "1 running pod");
            await Eventually.WaitAsync(() => HostProbe.AllContainersAsync(node), count => count == 1, StepTimeout, "1 container");

            _repo.Commit("remove the app", ("apps/sleep.yaml", null));
            await WaitForPodsAsync(store, pods => pods.Count == 0, "no pods");
            await Eventually.WaitAsync(() => HostProbe.AllContainersAsync(node), count => count == 0, StepTimeout, "no containers");
        }
        finally
        {
            log.WriteLine("server:\n" + server.Output);
            log.WriteLine("agent:\n" + agent.Output);
        }
    }

    [Fact]
    public async Task Up_OnTheEmbeddedStore_RunsCommittedReplicasAsProcesses_ThenScaleAndPrune()
    {
        var marker = Random.Shared.Next(100_000, 999_999);
        var commandLine = $"sleep {marker}";
        var store = new[] { "--store", Path.Combine(_home.FullName, "store.db") };
        _repo.Commit("three replicas", ("sleep.yaml", Manifests.SleepDeployment("sleeper", 3, marker)));

        await using var up = GitorchProcess.Start(_home.FullName, ["up", "--repo", _repo.Path, "--runtime", "process", "--pod-network", "none", "--interval", "00:00:00.5", .. store]);
        try
        {
            await WaitForPodsAsync(store, pods => PodListing.AllRunning(pods, 3), "3 running pods");
            Assert.Equal(3, HostProbe.ProcessesWithCommandLine(commandLine));

            _repo.Commit("scale to one", ("sleep.yaml", Manifests.SleepDeployment("sleeper", 1, marker)));
            await WaitForPodsAsync(store, pods => PodListing.AllRunning(pods, 1), "1 running pod");
            await Eventually.WaitAsync(() => Task.FromResult(HostProbe.ProcessesWithCommandLine(commandLine)), count => count == 1, StepTimeout, "1 process");

            _repo.Commit("remove the app", ("sleep.yaml", null));
            await WaitForPodsAsync(store, pods => pods.Count == 0, "no pods");
            await Eventually.WaitAsync(() => Task.FromResult(HostProbe.ProcessesWithCommandLine(commandLine)), count => count == 0, StepTimeout, "no processes");
        }
        finally
        {
            log.WriteLine("up:\n" + up.Output);
        }
    }

    private Task<IReadOnlyList<PodView>> WaitForPodsAsync(string[] store, Func<IReadOnlyList<PodView>, bool> done, string what) =>
        Eventually.WaitAsync(() => PodListing.GetAsync(_home.FullName, store), done, StepTimeout, what);

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
