using System.Diagnostics;
using System.Net;
using GitOrch.Agent.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using GitOrch.Agent.Hosting;

namespace GitOrch.Benchmarks;

/// <summary>
/// Requests per second and p99 latency on loopback with a bounded load (a fixed number of clients,
/// each sending its next request when the last one answered): straight to a backend, through the
/// proxy's HTTP mode, and through its TCP mode.
/// </summary>
public static class ProxyBenchmark
{
    private const int Clients = 8;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    public static async Task RunAsync()
    {
        await using var backend = LocalWebApp.CreateBuilder(new IPEndPoint(IPAddress.Loopback, 0)).Build();
        backend.MapGet("/", () => "ok");
        await backend.StartAsync();
        var backendPort = LocalWebApp.Port(backend);
        var pool = new BackendPool([new Backend("backend", "v1", "127.0.0.1", backendPort)], null);
        var counters = new TrafficCounters();
        await using var http = await HttpServiceListener.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), "bench/http", counters, CancellationToken.None);
        http.Pool = pool;
        var tcpEndpoint = new IPEndPoint(IPAddress.Loopback, FreePort());
        await using var tcp = new TcpServiceListener(tcpEndpoint, "bench/tcp", counters, NullLogger.Instance) { Pool = pool };

        var direct = await LoadAsync($"http://127.0.0.1:{backendPort}/");
        var viaHttp = await LoadAsync($"http://127.0.0.1:{http.Port}/");
        var viaTcp = await LoadAsync($"http://127.0.0.1:{tcpEndpoint.Port}/");
        Console.WriteLine($"proxy, {Clients} clients for {Duration.TotalSeconds:0} s each, keep-alive:");
        Console.WriteLine($"  direct:      {direct.Rps,8:F0} req/s  p99 {direct.P99,6:F2} ms (floor)");
        Console.WriteLine($"  proxy http:  {viaHttp.Rps,8:F0} req/s  p99 {viaHttp.P99,6:F2} ms  {viaHttp.Rps / direct.Rps:F2}x throughput");
        Console.WriteLine($"  proxy tcp:   {viaTcp.Rps,8:F0} req/s  p99 {viaTcp.P99,6:F2} ms  {viaTcp.Rps / direct.Rps:F2}x throughput");
    }

    internal static async Task<(double Rps, double P99)> LoadAsync(string url)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients });
        for (var i = 0; i < 200; i++) await client.GetStringAsync(url);
        var latencies = new List<double>[Clients];
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            latencies[c] = [];
            while (stopwatch.Elapsed < Duration)
            {
                var start = Stopwatch.GetTimestamp();
                await client.GetStringAsync(url);
                latencies[c].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToList();
        return (all.Count / stopwatch.Elapsed.TotalSeconds, all[(int)(all.Count * 0.99)]);
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
