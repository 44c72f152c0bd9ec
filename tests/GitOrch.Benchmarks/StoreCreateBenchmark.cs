using System.Diagnostics;
using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace GitOrch.Benchmarks;

/// <summary>IObjectStore creates on NATS against raw NATS KV puts of the same size, in one run on one server.</summary>
public static class StoreCreateBenchmark
{
    private const int Operations = 3000;

    public static async Task RunAsync()
    {
        await using var server = await NatsServerProcess.StartAsync();
        var value = ObjectClientPayload();

        var raw = await RawPutsPerSecondAsync(server.Url, value);
        await using var store = await NatsObjectStore.ConnectAsync(server.Url);
        var creates = await TimeAsync(i => store.CreateAsync(Buckets.Objects, $"pods.default.bench-{i}", value));
        var client = new ObjectClient(store);
        var typed = await TimeAsync(i => client.CreateAsync(Pod($"typed-{i}")));

        Console.WriteLine($"NATS KV raw put:            {raw,8:F0} ops/s (floor)");
        Console.WriteLine($"IObjectStore.CreateAsync:   {creates,8:F0} ops/s  ratio {raw / creates:F2}x the floor's time");
        Console.WriteLine($"ObjectClient.CreateAsync:   {typed,8:F0} ops/s  ratio {raw / typed:F2}x the floor's time (with JSON encoding)");
    }

    public static async Task<double> RawPutsPerSecondAsync(string url, byte[] value)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url });
        var kv = new NatsKVContext(new NatsJSContext(connection));
        var bucket = await kv.CreateStoreAsync(new NatsKVConfig("raw") { History = 64 });
        return await TimeAsync(i => bucket.PutAsync($"pods.default.raw-{i}", value).AsTask());
    }

    private static async Task<double> TimeAsync(Func<int, Task> operation)
    {
        for (var i = 0; i < 100; i++) await operation(-1 - i); // warm-up
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Operations; i++) await operation(i);
        return Operations / stopwatch.Elapsed.TotalSeconds;
    }

    private static Pod Pod(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = "bench" } },
        Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "busybox:1.36", Command = ["sleep", "3600"] }] },
    };

    public static byte[] ObjectClientPayload() => Api.Serialization.ObjectJson.ToBytes(Pod("payload"));
}
