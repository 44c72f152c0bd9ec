using System.Diagnostics;
using System.Text;
using GitOrch.Api.Model;
using GitOrch.Engine.Security;
using GitOrch.Store;
using GitOrch.Store.Encryption;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;

namespace GitOrch.Benchmarks;

/// <summary>
/// Store writes over TLS with NKey credentials and role permissions (the configuration <c>gitorch init</c>
/// writes) against the same writes on a plain server, in one run; and the cost of Secret encryption.
/// </summary>
public static class SecuredStoreBenchmark
{
    private const int Operations = 3000;
    private const int Secrets = 1000;
    private const int Rounds = 5;

    public static async Task RunAsync()
    {
        var value = StoreCreateBenchmark.ObjectClientPayload();
        await using var plain = await NatsServerProcess.StartAsync();
        var floor = await StoreCreateBenchmark.RawPutsPerSecondAsync(plain.Url, value);
        await using var plainStore = await NatsObjectStore.ConnectAsync(plain.Url);

        var directory = Directory.CreateTempSubdirectory("gitorch-bench-cluster-").FullName;
        var port = NatsServerProcess.FreePort();
        var cluster = new ClusterDirectory(directory);
        cluster.Initialize("bench", ["127.0.0.1"], $"127.0.0.1:{port}", ["node-1"], DateTimeOffset.UtcNow);
        await using var secured = await NatsServerProcess.StartFromConfigAsync(cluster.NatsConfig, port);
        await using var server = await NatsObjectStore.ConnectAsync($"tls://127.0.0.1:{port}?credentials={cluster.CredentialsFor("server")}");
        await using var agent = await NatsObjectStore.ConnectAsync($"tls://127.0.0.1:{port}?credentials={cluster.CredentialsFor("agent-node-1")}");
        // Rounds alternate the three, so that warm-up and the machine's noise fall on each alike.
        var plainRates = new List<double>();
        var serverRates = new List<double>();
        var agentRates = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            plainRates.Add(await PutsPerSecondAsync(plainStore, $"pods.default.r{round}-", value));
            serverRates.Add(await PutsPerSecondAsync(server, $"pods.default.r{round}-", value));
            agentRates.Add(await PutsPerSecondAsync(agent, $"{PodStatusReports.NodePrefix("node-1")}default.r{round}-", value, Buckets.Meta));
        }
        var (plainRate, serverRate, agentRate) = (Median(plainRates), Median(serverRates), Median(agentRates));

        Console.WriteLine($"raw NATS KV put, plain server:         {floor,8:F0} ops/s (floor)");
        Console.WriteLine($"store put, plain server:               {plainRate,8:F0} ops/s  (medians of {Rounds} alternating rounds of {Operations})");
        Console.WriteLine($"store put, TLS + NKey, role server:    {serverRate,8:F0} ops/s  {serverRate / plainRate:F2}x the plain store's rate");
        Console.WriteLine($"store put, TLS + NKey, role agent:     {agentRate,8:F0} ops/s  {agentRate / plainRate:F2}x the plain store's rate (15 allowed subjects checked)");
        await SecretsAsync(plainStore);
        OpenSealedSecrets();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Opening 1,000 SealedSecrets of one value each, as a sync does when it loads a commit that declares them.</summary>
    private static void OpenSealedSecrets()
    {
        using var key = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var sealedSecrets = Enumerable.Range(0, Secrets).Select(i => SecretSealer.Seal(new Secret
        {
            ApiVersion = "v1", Kind = "Secret", Metadata = new ObjectMeta { Name = $"s{i}", Namespace = "default" },
            StringData = new() { ["password"] = $"value-{i}" },
        }, key)).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var sealedSecret in sealedSecrets) SecretSealer.Open(sealedSecret, key);
        Console.WriteLine($"{Secrets} SealedSecrets opened: {watch.Elapsed.TotalMilliseconds:F0} ms ({watch.Elapsed.TotalMicroseconds / Secrets:F0} us each)");
    }

    /// <summary>1,000 Secrets written and listed through the encrypting store, against the same on the bare store.</summary>
    private static async Task SecretsAsync(IObjectStore bare)
    {
        var keyFile = Path.GetTempFileName();
        File.Delete(keyFile);
        SecretsKey.Create(keyFile);
        var encrypting = new EncryptingStore(bare, SecretsKey.Load(keyFile));
        File.Delete(keyFile);
        await SecretsRoundAsync(bare, "warm-plain");
        await SecretsRoundAsync(encrypting, "warm-sealed");
        var (plainWrite, plainList) = await SecretsRoundAsync(bare, "plain");
        var (sealedWrite, sealedList) = await SecretsRoundAsync(encrypting, "sealed");
        Console.WriteLine($"1,000 Secrets written, bare store:     {plainWrite,8:F0} ms;  listed {plainList,6:F0} ms");
        Console.WriteLine($"1,000 Secrets written, encrypted:      {sealedWrite,8:F0} ms;  listed and decrypted {sealedList,6:F0} ms");
        Console.WriteLine($"  encryption costs {(sealedWrite - plainWrite) / Secrets * 1000:F0} µs per Secret written, {(sealedList - plainList) / Secrets * 1000:F0} µs per Secret read");
    }

    private static async Task<(double WriteMs, double ListMs)> SecretsRoundAsync(IObjectStore store, string prefix)
    {
        var client = new ObjectClient(store);
        var write = Stopwatch.StartNew();
        for (var i = 0; i < Secrets; i++)
            await client.CreateAsync(new Secret
            {
                ApiVersion = "v1", Kind = "Secret",
                Metadata = new ObjectMeta { Name = $"{prefix}-{i}", Namespace = prefix },
                Data = new() { ["password"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"value-{i}")) },
            });
        var writeMs = write.Elapsed.TotalMilliseconds;
        var list = Stopwatch.StartNew();
        var listed = await client.ListAsync<Secret>(prefix);
        if (listed.Count != Secrets) throw new InvalidOperationException($"listed {listed.Count} Secrets, wrote {Secrets}");
        return (writeMs, list.Elapsed.TotalMilliseconds);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<double> PutsPerSecondAsync(IObjectStore store, string prefix, byte[] value, string bucket = Buckets.Objects)
    {
        for (var i = 0; i < 100; i++) await store.PutAsync(bucket, $"{prefix}warm-{i}", value);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Operations; i++) await store.PutAsync(bucket, $"{prefix}{i}", value);
        return Operations / stopwatch.Elapsed.TotalSeconds;
    }
}
