using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using GitOrch.Agent;
using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Reconciling;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOrch.Benchmarks;

/// <summary>
/// The agent and the pod status relay on real dockerd and NATS, in this process: bound-to-Running latency of 50 pods one at a
/// time, 100 pods at once, and idle cost with 50 pods, each against raw Docker create+start.
/// </summary>
public static class AgentBenchmark
{
    private const int Sequential = 50;
    private const int Burst = 100;
    private const int Concurrency = 16;

    public static async Task RunAsync()
    {
        using var docker = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();
        var floor = new List<double>();
        for (var i = 0; i < Sequential; i++)
            floor.Add(await RawCreateStartAsync(docker));
        var burstFloor = await RawBurstAsync(docker);

        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);
        var node = $"bench-{Guid.NewGuid():N}"[..14];
        var state = Directory.CreateTempSubdirectory("gitorch-bench-");
        using var stop = new CancellationTokenSource();
        var agent = NodeAgent.RunAsync(client, new AgentOptions { NodeName = node, Runtime = "docker", StateDirectory = state.FullName, ServiceProxy = false, Listen = null }, NullLoggerFactory.Instance, stop.Token);
        // The agent reports pod status; the control plane's relay is what puts it on the pods.
        var relay = new PodStatusRelay(ControllerContext.Create(client, NullLoggerFactory.Instance)).RunAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var latencies = new List<double>();
        for (var i = 0; i < Sequential; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await client.CreateAsync(Pod($"seq-{i}", node));
            await WaitRunningAsync(client, [$"seq-{i}"]);
            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        var (cpu, heap, workingSet) = await IdleCostAsync(TimeSpan.FromSeconds(20));

        var burst = Stopwatch.StartNew();
        var names = Enumerable.Range(0, Burst).Select(i => $"burst-{i}").ToList();
        await Task.WhenAll(names.Select(name => client.CreateAsync(Pod(name, node))));
        await WaitRunningAsync(client, names);
        var burstSeconds = burst.Elapsed.TotalSeconds;

        foreach (var pod in await client.ListAsync<Pod>("default")) await client.DeleteAsync(pod);
        await WaitGoneAsync(docker, node);
        await stop.CancelAsync();
        await Task.WhenAll(agent, relay).ContinueWith(_ => { });
        state.Delete(recursive: true);

        Console.WriteLine($"pod start, {Sequential} one at a time (bound -> Running in the store):");
        Console.WriteLine($"  raw Docker create+start:   p50 {Percentile(floor, 50),6:F0} ms  p99 {Percentile(floor, 99),6:F0} ms (floor)");
        Console.WriteLine($"  gitorch agent:             p50 {Percentile(latencies, 50),6:F0} ms  p99 {Percentile(latencies, 99),6:F0} ms  p50 over floor +{Percentile(latencies, 50) - Percentile(floor, 50):F0} ms");
        Console.WriteLine($"{Burst} pods at once, {Concurrency} in parallel:");
        Console.WriteLine($"  raw Docker create+start:   {Burst / burstFloor,6:F1} containers/s (floor)");
        Console.WriteLine($"  gitorch agent:             {Burst / burstSeconds,6:F1} pods/s (each a sandbox and a container)  ratio {burstFloor / burstSeconds:F2}x");
        Console.WriteLine($"idle with {Sequential} pods: {cpu:F1}% of one core, managed heap {heap / 1048576.0:F0} MiB, working set {workingSet / 1048576.0:F0} MiB (the whole benchmark process)");
    }

    private static Pod Pod(string name, string node) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec
        {
            NodeName = node,
            TerminationGracePeriodSeconds = 0,
            Containers = [new Container { Name = "main", Image = "busybox:1.36", ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"] }],
        },
    };

    private static async Task WaitRunningAsync(ObjectClient client, IReadOnlyCollection<string> names)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        var waiting = names.ToHashSet();
        while (waiting.Count > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{waiting.Count} pods did not run");
            foreach (var pod in await client.ListAsync<Pod>("default"))
                if (pod.Status?.Phase == "Running") waiting.Remove(pod.Name);
            if (waiting.Count > 0) await Task.Delay(5);
        }
    }

    private static async Task<(double CpuPercent, long Heap, long WorkingSet)> IdleCostAsync(TimeSpan window)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        await Task.Delay(window);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - before).TotalMilliseconds / window.TotalMilliseconds * 100;
        return (cpu, GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static async Task<double> RawCreateStartAsync(DockerClient docker)
    {
        var stopwatch = Stopwatch.StartNew();
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "busybox:1.36", Cmd = ["sleep", "3600"] });
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        await docker.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true });
        return elapsed;
    }

    /// <summary>Seconds for <see cref="Burst"/> create+start calls, <see cref="Concurrency"/> at a time, as the agent runs them.</summary>
    private static async Task<double> RawBurstAsync(DockerClient docker)
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Burst), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (_, token) =>
        {
            var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "busybox:1.36", Cmd = ["sleep", "3600"] }, token);
            await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), token);
            ids.Add(created.ID);
        });
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (id, token) =>
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, token));
        return elapsed;
    }

    private static async Task WaitGoneAsync(DockerClient docker, string node)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var left = await docker.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"gitorch.io/node={node}"] = true } },
            });
            if (left.Count == 0) return;
            await Task.Delay(200);
        }
    }

    internal static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
