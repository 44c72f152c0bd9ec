using System.Net.Http;
using System.Text.RegularExpressions;
using GitOrch.Api.Model;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary><c>gitorch port-forward</c> to a real pod on Docker, by pod and by Service, through the node's agent.</summary>
public sealed partial class PortForwardTests(ITestOutputHelper log)
{
    // busybox httpd closes each connection after its answer; through a tunnel that close arrives a moment
    // later, so a pooled connection could be reused just before it; one connection per request avoids that.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10), DefaultRequestHeaders = { ConnectionClose = true } };

    [GeneratedRegex(@"Forwarding from 127\.0\.0\.1:(\d+) -> (\d+)")]
    private static partial Regex Forwarding();

    private static async Task<(int Local, int Remote)> ForwardedAsync(GitorchProcess forward) =>
        await Eventually.WaitAsync(() => Task.FromResult(Forwarding().Match(forward.Output)), match => match.Success, AgentHarness.Timeout, "port-forward to listen") is var match
            ? (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value))
            : default;

    [Fact]
    public async Task APod_AndAService_AnswerHttpThroughTheLocalPort()
    {
        await using var harness = await AgentHarness.StartAsync("docker", log, endpoints: true);
        await harness.CreatePodAsync("web-1", ServiceProxyTests.NamedHttpd(), new() { ["app"] = "web" });
        await harness.WaitPodAsync("web-1", pod => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, "ready");
        await harness.Client.CreateAsync(new Service
        {
            ApiVersion = "v1", Kind = "Service", Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Name = "http", Port = 8080, TargetPort = new IntOrString("80") }] },
        });
        await Eventually.WaitAsync(() => harness.Client.GetAsync<Endpoints>("default", "web"), endpoints => endpoints?.Subsets is [{ Addresses.Count: > 0 }, ..], AgentHarness.Timeout, "the Service's endpoints");

        await using var byPod = GitorchProcess.Start(harness.Home, "port-forward", "pod/web-1", ":80", "--store", harness.StoreUrl);
        await using var byService = GitorchProcess.Start(harness.Home, "port-forward", "svc/web", ":8080", "--store", harness.StoreUrl);
        var (podLocal, podRemote) = await ForwardedAsync(byPod);
        var (serviceLocal, serviceRemote) = await ForwardedAsync(byService);

        Assert.Equal(80, podRemote);
        Assert.Equal(80, serviceRemote);
        Assert.Equal("web-1", (await Http.GetStringAsync($"http://127.0.0.1:{podLocal}/")).Trim());
        Assert.Equal("web-1", (await Http.GetStringAsync($"http://127.0.0.1:{serviceLocal}/")).Trim());
        Assert.Equal("web-1", (await Http.GetStringAsync($"http://127.0.0.1:{podLocal}/")).Trim());
    }
}
