using System.Diagnostics;
using System.Net;
using GitOrch.Agent;
using GitOrch.Agent.Proxy;
using GitOrch.Api.Model;
using GitOrch.Engine.Controllers.Deployments;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using GitOrch.Agent.Hosting;

namespace GitOrch.Benchmarks;

/// <summary>
/// A canary's two costs on the data path, with the agent's real service proxy on nats-server:
/// how long after the controller's abort decision (its weights write) the proxy sends every request to
/// stable, against one raw NATS KV put; and requests per second through the proxy during a 75/25 canary,
/// against a direct connection.
/// </summary>
public static class CanaryBenchmark
{
    private const int Trials = 20;
    private const int StableRun = 50;

    public static async Task RunAsync()
    {
        await using var stable = await BackendAsync("stable");
        await using var canary = await BackendAsync("canary");
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);
        var nodePort = Random.Shared.Next(30000, 32768);
        var service = await client.CreateAsync(Service(nodePort));
        for (var i = 0; i < 4; i++) await ReadyPodAsync(client, $"stable-{i}", "stable", LocalWebApp.Port(stable));
        await ReadyPodAsync(client, "canary-0", "canary", LocalWebApp.Port(canary));

        using var stop = new CancellationTokenSource();
        var proxy = new ServiceProxy(new SharedInformers(client), client, new AgentOptions { NodeName = "bench", StateDirectory = Path.GetTempPath() }, new TrafficCounters(), NullLogger.Instance).RunAsync(stop.Token);
        // The proxy forwards to what the Service's Endpoints list, which the control plane keeps.
        var endpoints = new GitOrch.Engine.Controllers.EndpointsController(GitOrch.Engine.Reconciling.ControllerContext.Create(client, NullLoggerFactory.Instance)).RunAsync(stop.Token);
        var url = $"http://127.0.0.1:{nodePort}/";
        using var http = new HttpClient();
        await WaitForAsync(http, url, "canary");

        var split = new TrafficSplit(client);
        var abortMs = new List<double>();
        for (var trial = 0; trial < Trials; trial++)
        {
            service = (await client.GetAsync<Service>("default", "web"))!;
            await split.SetAsync([service], TrafficSplit.Between("stable", "canary", 25), stop.Token);
            await WaitForAsync(http, url, "canary");
            service = (await client.GetAsync<Service>("default", "web"))!;
            var decided = Stopwatch.StartNew();
            await split.SetAsync([service], TrafficSplit.AllTo("stable"), stop.Token);
            abortMs.Add(await UntilAllStableAsync(http, url, decided));
        }
        var putMs = await RawPutLatenciesAsync(nats.Url);

        var direct = await ProxyBenchmark.LoadAsync($"http://127.0.0.1:{LocalWebApp.Port(stable)}/");
        service = (await client.GetAsync<Service>("default", "web"))!;
        await split.SetAsync([service], TrafficSplit.Between("stable", "canary", 25), stop.Token);
        await WaitForAsync(http, url, "canary");
        var viaProxy = await ProxyBenchmark.LoadAsync(url);
        await stop.CancelAsync();
        await proxy;
        await endpoints.ContinueWith(_ => { }, TaskScheduler.Default);

        Console.WriteLine($"canary, {Trials} aborts with 4 stable pods and 1 canary pod at 25%:");
        Console.WriteLine($"  raw NATS KV put:               p50 {AgentBenchmark.Percentile(putMs, 50),7:F2} ms  p99 {AgentBenchmark.Percentile(putMs, 99),7:F2} ms (floor)");
        Console.WriteLine($"  abort decision to all-stable:  p50 {AgentBenchmark.Percentile(abortMs, 50),7:F2} ms  p99 {AgentBenchmark.Percentile(abortMs, 99),7:F2} ms  " +
                          $"{AgentBenchmark.Percentile(abortMs, 50) / AgentBenchmark.Percentile(putMs, 50):F1}x the floor at p50");
        Console.WriteLine($"  direct to a backend:           {direct.Rps,8:F0} req/s  p99 {direct.P99,6:F2} ms (floor)");
        Console.WriteLine($"  proxy http during the canary:  {viaProxy.Rps,8:F0} req/s  p99 {viaProxy.P99,6:F2} ms  {viaProxy.Rps / direct.Rps:F2}x throughput");
    }

    /// <summary>
    /// Milliseconds from the decision to the start of the first request of a run of <see cref="StableRun"/>
    /// answers from stable: after that moment no request reached the canary.
    /// </summary>
    private static async Task<double> UntilAllStableAsync(HttpClient http, string url, Stopwatch decided)
    {
        var runStart = 0.0;
        var run = 0;
        while (run < StableRun)
        {
            var sent = decided.Elapsed.TotalMilliseconds;
            if (await http.GetStringAsync(url) == "stable")
            {
                if (run++ == 0) runStart = sent;
            }
            else run = 0;
        }
        return runStart;
    }

    private static async Task WaitForAsync(HttpClient http, string url, string answer)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                for (var i = 0; i < 8; i++)
                    if (await http.GetStringAsync(url) == answer) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"the proxy at {url} never answered {answer}");
    }

    private static async Task<List<double>> RawPutLatenciesAsync(string url)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url });
        var bucket = await new NatsKVContext(new NatsJSContext(connection)).CreateStoreAsync(new NatsKVConfig("raw-canary"));
        var value = new byte[600];
        var latencies = new List<double>();
        for (var i = 0; i < 220; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await bucket.PutAsync("services.default.web", value);
            if (i >= 20) latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return latencies;
    }

    private static async Task<WebApplication> BackendAsync(string answer)
    {
        var app = LocalWebApp.CreateBuilder(new IPEndPoint(IPAddress.Loopback, 0)).Build();
        app.MapGet("/", () => answer);
        await app.StartAsync();
        return app;
    }

    private static Service Service(int nodePort) => new()
    {
        ApiVersion = "v1", Kind = "Service",
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new ServiceSpec
        {
            Type = "NodePort", ClusterIP = "None", Selector = new() { ["app"] = "web" },
            Ports = [new ServicePort { Name = "http", Port = 8080, TargetPort = new IntOrString("http"), NodePort = nodePort }],
        },
    };

    private static async Task ReadyPodAsync(ObjectClient client, string name, string version, int port)
    {
        var pod = await client.CreateAsync(new Pod
        {
            ApiVersion = "v1", Kind = "Pod",
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = "web", [WellKnown.PodTemplateHash] = version } },
            Spec = new PodSpec { NodeName = "bench", Containers = [new Container { Name = "web", Image = "none", Ports = [new ContainerPortSpec { Name = "http", ContainerPort = port }] }] },
        });
        await client.PutStatusAsync(pod, new PodStatus
        {
            Phase = "Running", PodIP = "127.0.0.1",
            Conditions = [new Condition { Type = "Ready", Status = "True" }],
        });
    }
}
