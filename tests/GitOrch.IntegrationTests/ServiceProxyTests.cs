using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>The agent's service proxy on real dockerd: busybox httpd pods that each serve their own name.</summary>
[Collection("end-to-end")]
public sealed class ServiceProxyTests(ITestOutputHelper log)
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };

    internal static PodSpec NamedHttpd() => new()
    {
        Containers =
        [
            new Container
            {
                Name = "web",
                Image = "busybox:1.36",
                ImagePullPolicy = "IfNotPresent",
                Command = ["sh", "-c", "mkdir -p /www && echo $POD_NAME > /www/index.html && httpd -f -p 80 -h /www"],
                Env = [new EnvVar { Name = "POD_NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } }],
                // A generous timeout: on a loaded machine a docker exec can take seconds, and these tests are about the proxy.
                ReadinessProbe = new Probe { Exec = new ExecAction { Command = ["sh", "-c", "test ! -f /tmp/unready"] }, PeriodSeconds = 1, TimeoutSeconds = 5 },
            },
        ],
        TerminationGracePeriodSeconds = 1,
    };

    private static Service WebService(int nodePort, string? weights = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new ObjectMeta
        {
            Name = "web",
            Namespace = "default",
            Annotations = weights is null ? null : new() { [WellKnown.TrafficWeights] = weights },
        },
        Spec = new ServiceSpec
        {
            Type = "NodePort",
            Selector = new() { ["app"] = "web" },
            Ports = [new ServicePort { Name = "http", Port = 8080, TargetPort = 80, NodePort = nodePort }],
        },
    };

    private static async Task<string> GetAsync(string url)
    {
        try
        {
            return (await Http.GetStringAsync(url)).Trim();
        }
        catch (HttpRequestException e)
        {
            return $"failed: {e.Message}";
        }
    }

    private static async Task<List<string>> GetManyAsync(string url, int count)
    {
        var answers = new List<string>();
        for (var i = 0; i < count; i++) answers.Add(await GetAsync(url));
        return answers;
    }

    private static async Task StartWebPodsAsync(AgentHarness harness, params (string Name, string Version)[] pods)
    {
        foreach (var (name, version) in pods)
            await harness.CreatePodAsync(name, NamedHttpd(), new() { ["app"] = "web", [WellKnown.PodTemplateHash] = version });
        foreach (var (name, _) in pods)
            await harness.WaitPodAsync(name, pod => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, "ready");
    }

    [Fact]
    public async Task Proxy_RoundRobinsOverThreeHttpdPods_AndDropsAPodAsSoonAsItTurnsUnready()
    {
        await using var harness = await AgentHarness.StartAsync("docker", log, endpoints: true);
        var nodePort = Random.Shared.Next(30000, 32768);
        var service = await harness.Client.CreateAsync(WebService(nodePort));
        await StartWebPodsAsync(harness, ("web-0", "v1"), ("web-1", "v1"), ("web-2", "v1"));
        var url = $"http://{ServiceAddresses.ClusterIP(service)}:8080/";

        await Eventually.WaitAsync(async () => string.Join(" ", await GetManyAsync(url, 3)), answers => answers.Split(' ').Distinct().Count() == 3 && answers.Split(' ').All(a => a.StartsWith("web-")), AgentHarness.Timeout, "the proxy serves all three pods");
        var answers = await GetManyAsync(url, 9);
        log.WriteLine(string.Join(" ", answers));
        Assert.All(answers.GroupBy(a => a), group => Assert.Equal(3, group.Count()));
        Assert.Equal("web-", (await GetAsync($"http://127.0.0.1:{nodePort}/"))[..4]);

        await harness.CreatePodAsync("client", new PodSpec { Containers = [new Container { Name = "c", Image = "busybox:1.36", ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"] }], TerminationGracePeriodSeconds = 1 });
        await harness.WaitPodAsync("client", AgentHarness.IsRunning, "running");
        var fromPod = await harness.CliAsync("exec", "client", "--", "wget", "-q", "-O", "-", url);
        Assert.True(fromPod.ExitCode == 0, fromPod.Error + fromPod.Output);
        Assert.StartsWith("web-", fromPod.Output.Trim());

        await harness.CliAsync("exec", "web-1", "--", "touch", "/tmp/unready");
        await harness.WaitPodAsync("web-1", pod => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "False") == true, "unready");
        await Task.Delay(300);
        var afterUnready = await GetManyAsync(url, 12);
        log.WriteLine(string.Join(" ", afterUnready));
        Assert.DoesNotContain("web-1", afterUnready);
        Assert.Equal(["web-0", "web-2"], afterUnready.Distinct().Order());

        var traffic = await Eventually.WaitAsync(
            async () => await harness.Client.Store.GetAsync(Buckets.Meta, NodeTraffic.KeyFor(harness.Node)),
            entry => entry is not null && Api.Serialization.ObjectJson.FromBytes<NodeTraffic>(entry.Value).Services.GetValueOrDefault("default/web")?.Versions["v1"].Status2xx >= 21,
            AgentHarness.Timeout, "the proxy publishes its counts");
        var counts = Api.Serialization.ObjectJson.FromBytes<NodeTraffic>(traffic!.Value).Services["default/web"];
        Assert.Equal(0, counts.Pods.GetValueOrDefault("web-1")?.Errors ?? 0);
    }

    [Fact]
    public async Task Weights_SplitRequestsExactly_BetweenVersions()
    {
        await using var harness = await AgentHarness.StartAsync("docker", log, endpoints: true);
        var service = await harness.Client.CreateAsync(WebService(Random.Shared.Next(30000, 32768), "stable=75,canary=25"));
        await StartWebPodsAsync(harness, ("stable-0", "stable"), ("stable-1", "stable"), ("stable-2", "stable"), ("stable-3", "stable"), ("canary-0", "canary"));
        var url = $"http://{ServiceAddresses.ClusterIP(service)}:8080/";
        await Eventually.WaitAsync(() => GetManyAsync(url, 8), answers => answers.Distinct().Count() == 5, AgentHarness.Timeout, "all five pods behind the proxy");

        var answers = await GetManyAsync(url, 400);
        var canary = answers.Count(a => a == "canary-0");
        log.WriteLine($"canary answered {canary} of 400");
        Assert.InRange(canary, 80, 120);
        Assert.All(answers, a => Assert.Matches("^(stable-[0-3]|canary-0)$", a));
    }
}
