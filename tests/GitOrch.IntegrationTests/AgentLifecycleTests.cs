using System.Diagnostics;
using GitOrch.Api.Model;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// The agent's container lifecycle on a real dockerd and, where the test holds for host processes,
/// on the process runtime too: the same pod specs, the same expectations.
/// </summary>
[Collection("end-to-end")]
public sealed class AgentLifecycleTests(ITestOutputHelper log)
{
    private static Container Shell(string name, string script, string image = "busybox:1.36") =>
        new() { Name = name, Image = image, ImagePullPolicy = "IfNotPresent", Command = ["sh", "-c", script] };

    [Theory]
    [InlineData("docker")]
    [InlineData("process")]
    public async Task FailingLivenessProbe_RestartsTheContainer_WithGrowingBackoff(string runtime)
    {
        await using var harness = await AgentHarness.StartAsync(runtime, log);
        var container = Shell("app", "while true; do sleep 1; done") with
        {
            LivenessProbe = new Probe { Exec = new ExecAction { Command = ["cat", "never-there"] }, PeriodSeconds = 1, FailureThreshold = 1 },
        };
        await harness.CreatePodAsync("crashy", new PodSpec { Containers = [container], TerminationGracePeriodSeconds = 1 });

        // Each restart's wait is the new run's start minus the last run's end, straight from the status.
        var waits = new Dictionary<int, double>();
        var sawBackoff = false;
        await Eventually.WaitAsync(() => harness.Client.GetAsync<Pod>("default", "crashy"), pod =>
        {
            var status = pod is null ? null : AgentHarness.Status(pod, "app");
            sawBackoff |= status?.State?.Waiting?.Reason == "CrashLoopBackOff";
            if (status?.State?.Running?.StartedAt is { } started && status.LastState?.Terminated?.FinishedAt is { } finished)
                waits[status.RestartCount] = (started - finished).TotalSeconds;
            return status?.RestartCount >= 4 && waits.ContainsKey(status.RestartCount);
        }, TimeSpan.FromSeconds(120), "four restarts");

        log.WriteLine(string.Join(", ", waits.OrderBy(w => w.Key).Select(w => $"restart {w.Key}: waited {w.Value:0.0}s")));
        Assert.True(sawBackoff, "the container should show CrashLoopBackOff while it waits");
        var latest = waits.Keys.Max();
        Assert.True(waits[latest] >= 3.5, $"restart {latest} should wait at least 4 s of back-off, waited {waits[latest]:0.0}s");
        Assert.True(waits[latest] > waits[waits.Keys.Min()] + 1.5, "the back-off should grow between restarts");
        var events = (await harness.Client.ListAsync<Event>("default")).Where(e => e.InvolvedObject.Name == "crashy").Select(e => e.Reason).ToList();
        Assert.Contains("Killing", events);
        Assert.Contains("BackOff", events);
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("process")]
    public async Task Deletion_RunsPreStop_ThenSigterm_AndKillsAfterTheGracePeriod(string runtime)
    {
        await using var harness = await AgentHarness.StartAsync(runtime, log);
        var shared = Directory.CreateTempSubdirectory("gitorch-grace-").FullName;
        var order = Path.Combine(shared, "order.log");
        // The host directory is mounted at its own path, so the script is the same on both runtimes.
        var polite = Shell("app", $"trap 'echo term >> {order}; exit 0' TERM; while true; do sleep 0.2; done") with
        {
            Lifecycle = new Lifecycle { PreStop = new LifecycleHandler { Exec = new ExecAction { Command = ["sh", "-c", $"echo prestop >> {order}"] } } },
            VolumeMounts = [new VolumeMount { Name = "shared", MountPath = shared }],
        };
        var stubborn = Shell("app", "trap '' TERM; while true; do sleep 0.2; done");
        await harness.SetPodSecurityAsync("privileged");
        await harness.CreatePodAsync("polite", new PodSpec { Containers = [polite], TerminationGracePeriodSeconds = 20, Volumes = [new Volume { Name = "shared", HostPath = new HostPathVolumeSource { Path = shared } }] });
        await harness.CreatePodAsync("stubborn", new PodSpec { Containers = [stubborn], TerminationGracePeriodSeconds = 3 });
        var pods = new[] { await harness.WaitPodAsync("polite", AgentHarness.IsRunning, "running"), await harness.WaitPodAsync("stubborn", AgentHarness.IsRunning, "running") };

        var clock = Stopwatch.StartNew();
        foreach (var pod in pods) await harness.Client.DeleteAsync(pod);
        await Eventually.WaitAsync(() => Task.FromResult(File.Exists(order) ? File.ReadAllText(order) : ""), text => text.Contains("term"), AgentHarness.Timeout, "the polite container's TERM trap");
        Assert.Equal(["prestop", "term"], File.ReadAllLines(order));
        await Eventually.WaitAsync(() => StillRunningAsync(harness), running => !running, AgentHarness.Timeout, "the stubborn container is killed");
        log.WriteLine($"stubborn container gone after {clock.Elapsed.TotalSeconds:0.0}s");
        Assert.InRange(clock.Elapsed.TotalSeconds, 2.5, 15);
    }

    /// <summary>Whether a container of the node (by then only the stubborn one) still runs, looked up on dockerd or in /proc, not through the agent.</summary>
    private static async Task<bool> StillRunningAsync(AgentHarness harness) =>
        harness.Runtime == "docker"
            ? await HostProbe.RunningContainersAsync(harness.Node) > 0
            : HostProbe.ProcessesWithCommandLine("sh -c trap '' TERM; while true; do sleep 0.2; done") > 0;

    [Fact]
    public async Task LogsBySelector_PrintTheLastTenLinesOfEachPod_AndEveryContainerWithPrefixes()
    {
        await using var harness = await AgentHarness.StartAsync("process", log);
        const string Count = "for i in $(seq 1 15); do echo $0-$i; done; sleep 3600";
        await harness.CreatePodAsync("echo-a", new PodSpec { Containers = [Shell("app", Count)] }, new() { ["app"] = "echo" });
        await harness.CreatePodAsync("echo-b", new PodSpec { Containers = [Shell("app", Count), Shell("side", Count)] }, new() { ["app"] = "echo" });
        await harness.CreatePodAsync("other", new PodSpec { Containers = [Shell("app", Count)] }, new() { ["app"] = "other" });

        var both = await Eventually.WaitAsync(() => harness.CliAsync("logs", "-l", "app=echo", "--prefix"),
            result => result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 20, AgentHarness.Timeout, "ten lines from each echo pod");
        var lines = both.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines[..10], line => Assert.StartsWith("[pod/echo-a/app] ", line));
        Assert.All(lines[10..], line => Assert.StartsWith("[pod/echo-b/app] ", line));
        Assert.EndsWith("-15", lines[9]);

        var every = await Eventually.WaitAsync(() => harness.CliAsync("logs", "echo-b", "--all-containers", "--prefix", "--tail", "1"),
            result => result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 2, AgentHarness.Timeout, "one line from each container");
        Assert.Contains("[pod/echo-b/side] ", every.Output);
        var neither = await harness.CliAsync("logs");
        Assert.Equal(2, neither.ExitCode);
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("process")]
    public async Task Logs_ShowTheCurrentAndPreviousRun(string runtime)
    {
        await using var harness = await AgentHarness.StartAsync(runtime, log);
        await harness.CreatePodAsync("talker", new PodSpec { Containers = [Shell("app", "echo run-$RANDOM-started; echo line-two; sleep 2; exit 3")], RestartPolicy = "Always" });
        await harness.WaitPodAsync("talker", pod => AgentHarness.Status(pod, "app")?.RestartCount >= 1, "restarted once");

        var current = await harness.CliAsync("logs", "talker", "--tail", "1");
        var previous = await harness.CliAsync("logs", "talker", "-c", "app", "--previous");
        Assert.True(current.ExitCode == 0, current.Error);
        Assert.Equal("line-two", current.Output.Trim());
        Assert.Contains("started", previous.Output);
        var missing = await harness.CliAsync("logs", "talker", "-c", "nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("has no container \"nope\"", missing.Error);
    }

    [Fact]
    public async Task TwoContainers_TalkOverLocalhost_AndSeeConfigMapAndSecret()
    {
        await using var harness = await AgentHarness.StartAsync("docker", log);
        await harness.Client.CreateAsync(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "settings", Namespace = "default" }, Data = new() { ["greeting"] = "hello-from-configmap" } });
        await harness.Client.CreateAsync(new Secret { ApiVersion = "v1", Kind = "Secret", Metadata = new ObjectMeta { Name = "creds", Namespace = "default" }, StringData = new() { ["password"] = "s3cret" } });
        var server = Shell("server", "mkdir -p /www && echo hello-from-server > /www/index.html && httpd -f -p 8080 -h /www") with
        {
            VolumeMounts = [new VolumeMount { Name = "settings", MountPath = "/etc/settings", ReadOnly = true }],
            Env = [new EnvVar { Name = "PASSWORD", ValueFrom = new EnvVarSource { SecretKeyRef = new KeySelector { Name = "creds", Key = "password" } } }],
        };
        var client = Shell("client", "while true; do wget -q -O - http://127.0.0.1:8080/ || echo failed; sleep 1; done");
        await harness.CreatePodAsync("pair", new PodSpec
        {
            Containers = [server, client],
            Volumes = [new Volume { Name = "settings", ConfigMap = new ConfigMapVolumeSource { Name = "settings" } }],
        });
        var pod = await harness.WaitPodAsync("pair", AgentHarness.IsRunning, "both containers running");
        var hostname = await harness.CliAsync("exec", "pair", "-c", "client", "--", "hostname");
        Assert.True(hostname.ExitCode == 0, hostname.Error);
        Assert.Equal("pair", hostname.Output.Trim());

        await Eventually.WaitAsync(() => harness.CliAsync("logs", "pair", "-c", "client", "--tail", "1"), r => r.Output.Contains("hello-from-server"), AgentHarness.Timeout, "the client reaches the server on localhost");
        var file = await harness.CliAsync("exec", "pair", "-c", "server", "--", "cat", "/etc/settings/greeting");
        Assert.Equal("hello-from-configmap", file.Output.Trim());
        var env = await harness.CliAsync("exec", "pair", "--", "sh", "-c", "echo $PASSWORD");
        Assert.Equal("s3cret", env.Output.Trim());
        var exitCode = await harness.CliAsync("exec", "pair", "--", "sh", "-c", "exit 7");
        Assert.Equal(7, exitCode.ExitCode);
        Assert.NotNull(pod.Status!.PodIP);
    }

    [Fact]
    public async Task RestartedAgent_AdoptsItsContainers_AndRemovesThoseOfDeletedPods()
    {
        await using var harness = await AgentHarness.StartAsync("docker", log);
        await harness.CreatePodAsync("keeper", new PodSpec { Containers = [Shell("app", "while true; do sleep 1; done")] });
        await harness.CreatePodAsync("leaver", new PodSpec { Containers = [Shell("app", "while true; do sleep 1; done")], TerminationGracePeriodSeconds = 1 });
        var before = AgentHarness.Status(await harness.WaitPodAsync("keeper", AgentHarness.IsRunning, "running"), "app")!.ContainerID;
        var leaver = await harness.WaitPodAsync("leaver", AgentHarness.IsRunning, "running");

        await harness.Agent.KillAsync();
        await harness.Client.DeleteAsync(leaver);
        Assert.Equal(2, await HostProbe.RunningContainersAsync(harness.Node));
        harness.StartAgent();

        await Eventually.WaitAsync(() => HostProbe.RunningContainersAsync(harness.Node), count => count == 1, AgentHarness.Timeout, "the deleted pod's container is removed");
        var after = await harness.WaitPodAsync("keeper", pod => AgentHarness.IsRunning(pod), "still running");
        Assert.Equal(before, AgentHarness.Status(after, "app")!.ContainerID);
        Assert.Equal(0, AgentHarness.Status(after, "app")!.RestartCount);
    }
}
