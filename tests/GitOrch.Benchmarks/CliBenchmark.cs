using System.Diagnostics;
using GitOrch.Api.Model;
using GitOrch.Cli;
using GitOrch.Store;
using GitOrch.Store.Embedded;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using static GitOrch.Benchmarks.AgentBenchmark;

namespace GitOrch.Benchmarks;

/// <summary>
/// The CLI as a user feels it: process start-up of <c>get pods</c> against <c>version</c> and a bare
/// dotnet hello-world, then <c>get pods -A</c> over 10,000 pods on both stores against the store's own list.
/// </summary>
public static class CliBenchmark
{
    private const int StartRuns = 20;
    private const int Pods = 10_000;
    private const int GetRuns = 20;

    public static async Task RunAsync()
    {
        Console.WriteLine("CLI");
        var work = Directory.CreateTempSubdirectory("gitorch-cli-bench-");
        try
        {
            await StartUpAsync(work.FullName);
            var sqlite = Path.Combine(work.FullName, "pods.db");
            await using (var store = SqliteObjectStore.Open(sqlite))
                await GetAtScaleAsync("embedded", store, sqlite);
            await using var nats = await NatsServerProcess.StartAsync();
            await using (var store = await NatsObjectStore.ConnectAsync(nats.Url))
                await GetAtScaleAsync("NATS", store, nats.Url);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task StartUpAsync(string work)
    {
        var hello = await BuildHelloWorldAsync(work);
        var gitorch = Path.Combine(AppContext.BaseDirectory, "gitorch.dll");
        var emptyStore = Path.Combine(work, "empty.db");
        var floor = await TimeProcessAsync(["dotnet", hello], work);
        var version = await TimeProcessAsync(["dotnet", gitorch, "version"], work);
        var getPods = await TimeProcessAsync(["dotnet", gitorch, "get", "pods", "--store", emptyStore], work);
        var published = await PublishAsync(work);
        var publishedGetPods = await TimeProcessAsync([published, "get", "pods", "--store", emptyStore], work);
        Console.WriteLine($"  start-up, {StartRuns} runs each, empty embedded store");
        Console.WriteLine($"    dotnet hello-world:   p50 {Percentile(floor, 50),5:F0} ms  p99 {Percentile(floor, 99),5:F0} ms (floor)");
        Console.WriteLine($"    gitorch version:      p50 {Percentile(version, 50),5:F0} ms  p99 {Percentile(version, 99),5:F0} ms  {Percentile(version, 50) / Percentile(floor, 50):F2}x floor");
        Console.WriteLine($"    gitorch get pods:     p50 {Percentile(getPods, 50),5:F0} ms  p99 {Percentile(getPods, 99),5:F0} ms  {Percentile(getPods, 50) / Percentile(floor, 50):F2}x floor");
        Console.WriteLine($"    published get pods:   p50 {Percentile(publishedGetPods, 50),5:F0} ms  p99 {Percentile(publishedGetPods, 99),5:F0} ms  {Percentile(publishedGetPods, 50) / Percentile(floor, 50):F2}x floor (the README's artifacts/bin/gitorch)");
    }

    /// <summary>Publishes the CLI as the README's set-up command does, compiled ahead of time, and returns its executable.</summary>
    private static async Task<string> PublishAsync(string work)
    {
        var output = Path.Combine(work, "published");
        var project = Path.Combine(RepositoryRoot.Path, "cli", "GitOrch.Cli");
        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-o", output, "-nologo", "-v", "quiet"]) { RedirectStandardOutput = true })!;
        await publish.StandardOutput.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0) throw new InvalidOperationException("the CLI did not publish");
        return Path.Combine(output, "gitorch");
    }

    private static async Task GetAtScaleAsync(string name, IObjectStore store, string location)
    {
        var client = new ObjectClient(store);
        var seed = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Pods), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await client.CreateAsync(new Pod
            {
                ApiVersion = "v1",
                Kind = "Pod",
                Metadata = new ObjectMeta { Name = $"web-{i:D5}", Namespace = $"team-{i % 10}", Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "busybox:1.36" }], NodeName = $"node-{i % 100}" },
            }));
        seed.Stop();

        var rawList = new List<double>();
        var get = new List<double>();
        for (var run = 0; run < GetRuns; run++)
        {
            var clock = Stopwatch.StartNew();
            await store.ListAsync(Buckets.Objects, ObjectKeys.Prefix(Kinds.Pod, null));
            rawList.Add(clock.Elapsed.TotalMilliseconds);

            var output = new StringWriter();
            clock.Restart();
            var errors = new StringWriter();
            var code = await GitOrchCli.RunAsync(["get", "pods", "-A", "--store", location], output, errors);
            get.Add(clock.Elapsed.TotalMilliseconds);
            if (code != 0 || output.ToString().Count(c => c == '\n') != Pods + 1) throw new InvalidOperationException($"get pods printed the wrong table (exit {code}): {errors}");
        }
        var process = await TimeProcessAsync(["dotnet", Path.Combine(AppContext.BaseDirectory, "gitorch.dll"), "get", "pods", "-A", "--store", location], Path.GetTempPath(), runs: 5);
        Console.WriteLine($"  get pods -A over {Pods:N0} pods, {name} store (seeded in {seed.Elapsed.TotalSeconds:F1} s), {GetRuns} runs");
        Console.WriteLine($"    raw store list:       p50 {Percentile(rawList, 50),5:F0} ms  p99 {Percentile(rawList, 99),5:F0} ms (floor)");
        Console.WriteLine($"    get, in process:      p50 {Percentile(get, 50),5:F0} ms  p99 {Percentile(get, 99),5:F0} ms  {Percentile(get, 50) / Percentile(rawList, 50):F2}x floor");
        Console.WriteLine($"    get, whole process:   p50 {Percentile(process, 50),5:F0} ms  p99 {Percentile(process, 99),5:F0} ms (5 runs, start-up included)");
    }

    /// <param name="expectedExitCode">What the command exits with when it works: 0, or 1 for a <c>diff</c> that finds changes.</param>
    internal static async Task<List<double>> TimeProcessAsync(string[] command, string workingDirectory, int runs = StartRuns, int expectedExitCode = 0)
    {
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var start = new ProcessStartInfo(command[0], command[1..]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
            start.Environment["GITORCH_HOME"] = workingDirectory;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var drain = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            await drain;
            if (process.ExitCode != expectedExitCode) throw new InvalidOperationException($"{string.Join(' ', command)} exited {process.ExitCode}: {await errors}");
        }
        return times;
    }

    private static async Task<string> BuildHelloWorldAsync(string work)
    {
        var project = Directory.CreateDirectory(Path.Combine(work, "hello")).FullName;
        await File.WriteAllTextAsync(Path.Combine(project, "hello.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), "System.Console.WriteLine(\"hello\");\n");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-o", Path.Combine(project, "out"), "-nologo", "-v", "quiet"]) { RedirectStandardOutput = true })!;
        await build.StandardOutput.ReadToEndAsync();
        await build.WaitForExitAsync();
        if (build.ExitCode != 0) throw new InvalidOperationException("the hello-world did not build");
        return Path.Combine(project, "out", "hello.dll");
    }
}
