using System.Diagnostics;
using System.Text.RegularExpressions;
using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOrch.Benchmarks;

/// <summary>
/// The user's path of <c>gitorch port-forward</c>: an agent process on real dockerd runs a busybox httpd
/// pod serving 64 MiB, and the download through a port-forward process is timed against the same
/// download straight from the pod's address (the floor), in alternating rounds.
/// </summary>
public static partial class PortForwardBenchmark
{
    private const int Rounds = 5;
    private const int MiB = 64;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    [GeneratedRegex(@"Forwarding from 127\.0\.0\.1:(\d+)")]
    private static partial Regex Forwarding();

    public static async Task RunAsync()
    {
        var home = Directory.CreateTempSubdirectory("gitorch-bench-forward-").FullName;
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);
        using var stop = new CancellationTokenSource();
        var relay = new PodStatusRelay(ControllerContext.Create(client, NullLoggerFactory.Instance)).RunAsync(stop.Token);
        var node = $"pf-{Guid.NewGuid():N}"[..12];
        await using var agent = GitorchProcess.Start(home, "agent", "--node", node, "--runtime", "docker", "--pod-network", "none", "--node-ip", "127.0.0.1", "--store", nats.Url);
        await client.CreateAsync(new Pod
        {
            ApiVersion = "v1", Kind = "Pod", Metadata = new ObjectMeta { Name = "bulk", Namespace = "default" },
            Spec = new PodSpec
            {
                NodeName = node, TerminationGracePeriodSeconds = 1,
                Containers = [new Container { Name = "web", Image = "busybox:1.36", ImagePullPolicy = "IfNotPresent",
                    Command = ["sh", "-c", $"mkdir -p /www && dd if=/dev/zero of=/www/bulk bs=1M count={MiB} && httpd -f -p 80 -h /www"] }],
            },
        });
        Pod? running = null;
        await ProcessWait.UntilAsync(async () => (running = await client.GetAsync<Pod>("default", "bulk")) is { Status.Phase: "Running", Status.PodIP: { Length: > 0 } }, "the pod running", agent, TimeSpan.FromMinutes(3));
        await using var forward = GitorchProcess.Start(home, "port-forward", "pod/bulk", ":80", "--store", nats.Url);
        await ProcessWait.UntilAsync(() => Task.FromResult(Forwarding().IsMatch(forward.Output)), "port-forward to listen", forward, TimeSpan.FromMinutes(1));
        var local = Forwarding().Match(forward.Output).Groups[1].Value;

        var (direct, forwarded) = (new List<double>(), new List<double>());
        await DownloadAsync($"http://{running!.Status!.PodIP}/bulk");
        for (var round = 0; round < Rounds; round++)
        {
            direct.Add(await DownloadAsync($"http://{running.Status.PodIP}/bulk"));
            forwarded.Add(await DownloadAsync($"http://127.0.0.1:{local}/bulk"));
        }
        var (floor, through) = (Median(direct), Median(forwarded));
        Console.WriteLine($"download of {MiB} MiB straight from the pod (floor): {floor,8:F0} MiB/s (median of {Rounds})");
        Console.WriteLine($"download through gitorch port-forward:    {through,8:F0} MiB/s  {through / floor:F2}x the floor");
        await client.DeleteAsync((await client.GetAsync<Pod>("default", "bulk"))!);
        await ProcessWait.UntilAsync(async () => (await client.ListAsync<Pod>()).Count == 0, "the pod to go", agent, TimeSpan.FromMinutes(1));
        await stop.CancelAsync();
        await relay.ContinueWith(_ => { });
        Directory.Delete(home, recursive: true);
    }

    /// <summary>MiB per second of one download, on a new connection.</summary>
    private static async Task<double> DownloadAsync(string url)
    {
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { ConnectionClose = true } };
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var bytes = 0L;
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) bytes += read;
        if (bytes != MiB * 1024L * 1024) throw new InvalidOperationException($"{url} gave {bytes} bytes, not {MiB} MiB");
        return bytes / 1048576.0 / watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
