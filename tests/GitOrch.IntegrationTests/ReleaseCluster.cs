using GitOrch.Api.Model;
using GitOrch.TestSupport;
using GitOrch.Api.Vocabulary;

namespace GitOrch.IntegrationTests;

/// <summary>
/// One nats-server, one server (controllers, no auto-sync poll: tests and the CLI sync), one docker
/// agent with its service proxy, and a Git repository, shared by a test class. The canary example's app
/// images are built first.
/// </summary>
public sealed class ReleaseCluster : IAsyncLifetime
{
    public AgentHarness Agent { get; private set; } = null!;
    public GitRepository Repo { get; } = new();
    public GitorchProcess Server { get; private set; } = null!;

    /// <summary>The server's dashboard, read-only (no token), for the tests that watch a release in a browser.</summary>
    public string DashboardUrl { get; } = $"http://127.0.0.1:{NatsServerProcess.FreePort()}";

    public async Task InitializeAsync()
    {
        var build = await HostProbe.CommandAsync("bash", [Path.Combine(SolutionRoot(), "tests/scripts/canary-app-images.sh")]);
        if (build.ExitCode != 0) throw new InvalidOperationException($"canary app images: {build.Error}");
        var first = Repo.Commit("start", ("README.md", "manifests\n"));
        Agent = await AgentHarness.StartAsync("docker", relayStatus: false);
        Server = GitorchProcess.Start(Agent.Home, ["server", "--repo", Repo.Path, "--interval", "01:00:00", "--listen", "off",
            "--dashboard-listen", DashboardUrl["http://".Length..], "--store", Agent.StoreUrl]);
        await Eventually.WaitAsync(() => Agent.CliAsync("history"), history => history.Output.Contains(first[..7]), AgentHarness.Timeout, "the server's first sync");
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Agent.DisposeAsync();
        Repo.Dispose();
    }

    /// <summary>
    /// Commits manifests and syncs them now. Should the server be applying at the same moment, the
    /// sync waits for that apply to finish.
    /// </summary>
    public async Task CommitAndSyncAsync(string message, params (string File, string? Content)[] files)
    {
        Repo.Commit(message, files);
        var sync = await Agent.CliAsync("sync", "--repo", Repo.Path);
        if (sync.ExitCode != 0) throw new InvalidOperationException($"sync failed: {sync.Error}{sync.Output}");
    }

    public async Task<Deployment> WaitDeploymentAsync(string name, Func<Deployment, bool> done, string what, TimeSpan? timeout = null) =>
        (await Eventually.WaitAsync(() => Agent.Client.GetAsync<Deployment>("default", name),
            deployment => deployment is not null && done(deployment), timeout ?? AgentHarness.Timeout,
            $"deployment {name}: {what}"))!;

    public async Task<List<Pod>> ReadyPodsAsync(string app) =>
        [.. (await Agent.Client.ListAsync<Pod>("default")).Where(p => p.Labels.GetValueOrDefault("app") == app && PodConditions.IsReady(p))];

    public static string SolutionRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "GitOrch.sln"))) directory = directory.Parent!;
        return directory.FullName;
    }
}
