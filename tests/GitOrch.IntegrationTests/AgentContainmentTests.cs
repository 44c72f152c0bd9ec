using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GitOrch.Api.Model;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// A real agent given hostile objects that never passed validation (written to the store directly):
/// nothing it writes lands outside the pod's directory, no address outside the service range is bound,
/// exec without the agent's token runs nothing, and containers removed behind its back come back.
/// </summary>
[Collection("end-to-end")]
public sealed class AgentContainmentTests(ITestOutputHelper log)
{
    private static readonly string Climb = string.Concat(Enumerable.Repeat("../", 24));

    private static Container Sleeper(string name = "app") =>
        new() { Name = name, Image = "busybox:1.36", ImagePullPolicy = "IfNotPresent", Command = ["sh", "-c", "while true; do sleep 1; done"] };

    private static PodSpec WithVolume(Volume volume) => new()
    {
        Containers = [Sleeper() with { VolumeMounts = [new VolumeMount { Name = volume.Name, MountPath = "/v" }] }],
        Volumes = [volume],
        TerminationGracePeriodSeconds = 0,
    };

    private static async Task<Pod> WaitRefusedAsync(AgentHarness harness, string pod, string container = "app") =>
        await harness.WaitPodAsync(pod, p => AgentHarness.Status(p, container)?.State?.Waiting?.Message?.Contains("leads outside") == true,
            "its start refused because a path leads outside its directory");

    [Fact]
    public async Task AHostPathPodWrittenStraightIntoTheStore_IsRefusedByTheNodeInABaselineNamespace_AndRunsInAPrivilegedOne()
    {
        await using var harness = await AgentHarness.StartAsync("docker", log);
        var shared = Directory.CreateTempSubdirectory("gitorch-hostpath-").FullName;

        await harness.CreatePodAsync("rooted", WithVolume(new Volume { Name = "root", HostPath = new HostPathVolumeSource { Path = "/" } }));
        var refused = await harness.WaitPodAsync("rooted", p => AgentHarness.Status(p, "app")?.State?.Waiting?.Message?.Contains("refused by this node") == true, "refused by the node");
        await harness.Client.DeleteAsync(refused);
        await harness.SetPodSecurityAsync("privileged");
        await harness.CreatePodAsync("allowed", WithVolume(new Volume { Name = "shared", HostPath = new HostPathVolumeSource { Path = shared } }));

        Assert.Equal("refused by this node: violates PodSecurity \"baseline\": spec.volumes[0].hostPath: / (host paths are not allowed)",
            AgentHarness.Status(refused, "app")!.State!.Waiting!.Message);
        Assert.NotEqual("Running", refused.Status?.Phase);
        await harness.WaitPodAsync("allowed", AgentHarness.IsRunning, "running in a privileged namespace");
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("process")]
    public async Task HostileNames_AreRefused_AndNothingIsWrittenOutsideThePodDirectory(string runtime)
    {
        await using var harness = await AgentHarness.StartAsync(runtime, log);
        var marker = $"/tmp/gitorch-escape-{Guid.NewGuid():N}";
        await harness.Client.CreateAsync(new ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "hostile", Namespace = "default" },
            Data = new() { [$"{Climb}{marker[1..]}-key"] = "owned", [$"{marker}-absolute"] = "owned", ["plain"] = "owned" },
        });
        await harness.Client.CreateAsync(new ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "plain", Namespace = "default" },
            Data = new() { ["plain"] = "owned" },
        });

        await harness.CreatePodAsync("key", WithVolume(new Volume { Name = "v", ConfigMap = new ConfigMapVolumeSource { Name = "hostile" } }));
        await harness.CreatePodAsync("items", WithVolume(new Volume
        {
            Name = "v",
            ConfigMap = new ConfigMapVolumeSource { Name = "plain", Items = [new KeyToPath { Key = "plain", Path = $"{Climb}{marker[1..]}-item" }] },
        }));
        await harness.CreatePodAsync("volume", WithVolume(new Volume { Name = $"{Climb}{marker[1..]}-volume", EmptyDir = new() }));
        if (runtime == "process")
            await harness.CreatePodAsync("container", new PodSpec { Containers = [Sleeper($"{Climb}{marker[1..]}-container")] });

        await WaitRefusedAsync(harness, "key");
        await WaitRefusedAsync(harness, "items");
        await WaitRefusedAsync(harness, "volume");
        if (runtime == "process") await WaitRefusedAsync(harness, "container", $"{Climb}{marker[1..]}-container");

        Assert.Empty(Directory.GetFileSystemEntries("/tmp", Path.GetFileName(marker) + "*"));
    }

    [Fact]
    public async Task ServiceAddressesOutsideTheServiceRange_AreNeverBound()
    {
        await using var harness = await AgentHarness.StartAsync("process", log);
        var loopbackPort = NatsServerProcess.FreePort();
        await CreateServiceAsync(harness, "inside", clusterIP: null, port: 80);
        await CreateServiceAsync(harness, "outside", clusterIP: "10.123.45.67", port: 80);
        await CreateServiceAsync(harness, "loopback", clusterIP: "127.0.0.1", port: loopbackPort);
        var inside = ServiceAddresses.ClusterIP((await harness.Client.GetAsync<Service>("default", "inside"))!)!;

        await Eventually.WaitAsync(() => Task.FromResult(Accepts(inside, 80)), accepts => accepts, AgentHarness.Timeout, $"the proxy listens on {inside}:80");

        Assert.DoesNotContain("10.123.45.67", await LoopbackAddressesAsync());
        Assert.False(Accepts("127.0.0.1", loopbackPort), $"nothing may listen on 127.0.0.1:{loopbackPort}");
    }

    [Fact]
    public async Task ExecWithoutTheAgentsToken_Gets401_AndRunsNothing()
    {
        await using var harness = await AgentHarness.StartAsync("process", log);
        await harness.CreatePodAsync("target", new PodSpec { Containers = [Sleeper()], TerminationGracePeriodSeconds = 0 });
        await harness.WaitPodAsync("target", AgentHarness.IsRunning, "running");
        var node = (await harness.Client.GetAsync<Node>(null, harness.Node))!;
        var url = $"http://127.0.0.1:{node.Status!.DaemonEndpoints!.KubeletEndpoint!.Port}/pods/default/target/exec";
        var marker = $"/tmp/gitorch-exec-{Guid.NewGuid():N}";
        using var http = new HttpClient();

        using var anonymous = await http.PostAsync(url, JsonContent(["touch", marker]));
        using var wrong = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent(["touch", marker]) };
        wrong.Headers.Authorization = new("Bearer", new string('0', 64));
        using var guessed = await http.SendAsync(wrong);
        var viaCli = await harness.CliAsync("exec", "target", "--", "touch", marker + "-cli");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
        Assert.False(File.Exists(marker));
        Assert.Equal(0, viaCli.ExitCode);
        Assert.True(File.Exists(marker + "-cli"), "the CLI, as the agent's user, reads the token and may exec");
        File.Delete(marker + "-cli");
    }

    [Fact]
    public async Task ContainersRemovedByHand_AreRecreated_AndCountedAsARestart()
    {
        await using var harness = await AgentHarness.StartAsync("docker", log);
        await harness.CreatePodAsync("phoenix", new PodSpec { Containers = [Sleeper()], TerminationGracePeriodSeconds = 0 });
        await harness.WaitPodAsync("phoenix", AgentHarness.IsRunning, "running");

        await HostProbe.RemoveContainersAsync(harness.Node);

        var back = await harness.WaitPodAsync("phoenix", p => AgentHarness.IsRunning(p) && AgentHarness.Status(p, "app")!.RestartCount >= 1,
            "running again in a new sandbox, with the restart counted");
        Assert.Equal(1, await HostProbe.RunningContainersAsync(harness.Node));
        Assert.False(string.IsNullOrEmpty(back.Status!.PodIP), "the new sandbox gives the pod an address");
    }

    private static Task<Service> CreateServiceAsync(AgentHarness harness, string name, string? clusterIP, int port) =>
        harness.Client.CreateAsync(new Service
        {
            ApiVersion = "v1", Kind = "Service", Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Spec = new ServiceSpec { ClusterIP = clusterIP, Selector = new() { ["app"] = name }, Ports = [new ServicePort { Port = port }] },
        });

    private static bool Accepts(string address, int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Parse(address), port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<string> LoopbackAddressesAsync()
    {
        using var ip = Process.Start(new ProcessStartInfo("ip", ["-o", "addr", "show", "dev", "lo"]) { RedirectStandardOutput = true })!;
        var output = await ip.StandardOutput.ReadToEndAsync();
        await ip.WaitForExitAsync();
        return output;
    }

    private static StringContent JsonContent(string[] command) =>
        new(System.Text.Json.JsonSerializer.Serialize(command), System.Text.Encoding.UTF8, "application/json");
}
