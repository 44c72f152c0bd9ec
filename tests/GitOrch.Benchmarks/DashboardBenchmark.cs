using System.Diagnostics;
using System.Text;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;

namespace GitOrch.Benchmarks;

/// <summary>
/// The dashboard as a user meets it: <c>gitorch up</c> as a process with 1,000 objects, on the embedded
/// store and then on nats-server, asked over HTTP from this process. The embedded store sees another
/// process's write within its 100 ms poll, NATS pushes it, so the store write to display differs most. Page weight; the applications view's render time and
/// what rendering it costs in resident memory; the time from a store write to the live event and the
/// redrawn main part, against the bare store write; and the CPU of up with 10 dashboards open and idle,
/// against none.
/// </summary>
public static class DashboardBenchmark
{
    private const int ConfigMaps = 980;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(30);

    public static async Task RunAsync()
    {
        Console.WriteLine("dashboard on the embedded store:");
        await RunAsync(nats: null);
        await using var nats = await NatsServerProcess.StartAsync();
        Console.WriteLine("dashboard on nats-server:");
        await RunAsync(nats.Url);
    }

    private static async Task RunAsync(string? nats)
    {
        using var repo = new GitRepository();
        var home = Directory.CreateTempSubdirectory("gitorch-dashboard-bench-").FullName;
        repo.Commit("1,000 objects", [.. Enumerable.Range(0, ConfigMaps).Select(i => ($"config/c{i:D4}.yaml", (string?)ConfigMap(i, "v1"))),
            ("web.yaml", BenchmarkManifests.Deployment(5, "        command: [sleep, \"3600\"]"))]);
        var port = NatsServerProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        string[] storeFlag = nats is null ? [] : ["--store", nats];
        var up = GitorchProcess.Start(home, ["up", "--repo", repo.Path, "--runtime", "process", "--pod-network", "none", "--dashboard-listen", $"127.0.0.1:{port}", .. storeFlag]);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            await using var store = nats is null ? await ProcessWait.StoreAsync(Path.Combine(home, "store.db"), up, Timeout) : await NatsObjectStore.ConnectAsync(nats);
            await ProcessWait.UntilAsync(async () => (await new ObjectClient(store).ListAsync<Pod>("default")).Count(PodConditions.IsReady) >= 5, "5 ready pods", up, Timeout);
            await ProcessWait.UntilAsync(async () => (await TryGetAsync(http, "/")).Contains("applied-commit"), "the dashboard", up, Timeout);
            await PageWeightAsync(http);
            await ApplicationsViewAsync(http, up);
            await ChangeToDisplayAsync(http, store);
            await IdleDashboardsAsync(url, up);
        }
        finally
        {
            await up.DisposeAsync();
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task PageWeightAsync(HttpClient http)
    {
        var overview = (await http.GetByteArrayAsync("/")).Length;
        var assets = (await http.GetByteArrayAsync("/assets/app.css")).Length + (await http.GetByteArrayAsync("/assets/app.js")).Length;
        Console.WriteLine($"dashboard page weight: overview HTML {overview / 1024.0:F1} KB + script and style {assets / 1024.0:F1} KB = {(overview + assets) / 1024.0:F1} KB, uncompressed, no other request");
    }

    private static async Task ApplicationsViewAsync(HttpClient http, GitorchProcess up)
    {
        var before = ProcessStats.ResidentBytes(up.Id);
        var times = new List<double>();
        var size = 0;
        for (var round = 0; round < 11; round++)
        {
            var clock = Stopwatch.StartNew();
            size = (await http.GetByteArrayAsync("/apps")).Length;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        var growth = ProcessStats.ResidentBytes(up.Id) - before;
        times.Sort();
        Console.WriteLine($"applications view, 1,000 objects: p50 {times[5]:F0} ms, slowest {times[^1]:F0} ms, {size / 1024.0:F0} KB of HTML; up's resident set grew {growth / 1048576.0:F0} MiB over 11 renders");
    }

    /// <summary>A ConfigMap written to the store, then the live event for it, then the redrawn main part a page fetches: what a user waits for.</summary>
    private static async Task ChangeToDisplayAsync(HttpClient http, IObjectStore store)
    {
        using var live = await http.GetAsync("/live?topics=configmaps", HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await live.Content.ReadAsStreamAsync());
        var client = new ObjectClient(store);
        var shown = new List<double>();
        var puts = new List<double>();
        for (var round = 0; round < 50; round++)
        {
            var config = (await client.GetAsync<ConfigMap>("default", "c0000"))!;
            var clock = Stopwatch.StartNew();
            await client.UpdateAsync(config with { Data = new Dictionary<string, string> { ["value"] = $"r{round}" } });
            puts.Add(clock.Elapsed.TotalMilliseconds);
            while (await events.ReadLineAsync() is { } line && line != "event: change") { }
            using var request = new HttpRequestMessage(HttpMethod.Get, "/objects/configmaps/default/c0000");
            request.Headers.Add("X-Dashboard-Part", "main");
            var main = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
            shown.Add(clock.Elapsed.TotalMilliseconds);
            if (!main.Contains($"r{round}", StringComparison.Ordinal)) throw new InvalidOperationException($"the redrawn page does not show r{round}");
        }
        shown.Sort();
        puts.Sort();
        Console.WriteLine($"store write to redrawn page: p50 {shown[25]:F1} ms, p99 {shown[49]:F1} ms; the bare store write (floor): p50 {puts[25]:F1} ms; ratio {shown[25] / puts[25]:F1}x");
    }

    private static async Task IdleDashboardsAsync(string url, GitorchProcess up)
    {
        await CpuShareAsync(up); // the first window after start-up still holds the pods' settling
        var alone = await CpuShareAsync(up);
        var pages = new List<(HttpClient Client, HttpResponseMessage Stream)>();
        for (var page = 0; page < 10; page++)
        {
            var client = new HttpClient { BaseAddress = new Uri(url), Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            pages.Add((client, await client.GetAsync("/live?topics=meta.sync,meta.release,meta.release-failed,meta.apply,nodes,deployments,services", HttpCompletionOption.ResponseHeadersRead)));
        }
        var open = await CpuShareAsync(up);
        foreach (var (client, stream) in pages)
        {
            stream.Dispose();
            client.Dispose();
        }
        Console.WriteLine($"up's CPU over {IdleWindow.TotalSeconds:F0}s: {alone * 100:F2}% of one core with no dashboard open, {open * 100:F2}% with 10 open and idle");
    }

    private static async Task<double> CpuShareAsync(GitorchProcess up)
    {
        var before = ProcessStats.CpuSeconds(up.Id);
        var clock = Stopwatch.StartNew();
        await Task.Delay(IdleWindow);
        return (ProcessStats.CpuSeconds(up.Id) - before) / clock.Elapsed.TotalSeconds;
    }

    private static async Task<string> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            return await http.GetStringAsync(path);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static string ConfigMap(int i, string value) => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i:D4}\ndata:\n  value: \"{value}\"\n";
}
