using GitOrch.Engine.Reconciling;
using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using GitOrch.Agent;
using GitOrch.Engine;
using GitOrch.Engine.Git;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using GitOrch.Engine.Sync;

namespace GitOrch.Benchmarks;

/// <summary>
/// Time from a commit of a 3-replica Deployment to 3 running Docker containers, and of a 20-replica one
/// to 20, with the engine, controllers, scheduler and one agent on NATS, against as many sequential raw
/// Docker create+start calls (what <c>docker run -d</c> does).
/// </summary>
public static class CommitToContainersBenchmark
{
    private const int Rounds = 3;
    private static readonly int[] ReplicaCounts = [3, 20];
    private static readonly TimeSpan SyncInterval = TimeSpan.FromMilliseconds(200);

    public static async Task RunAsync()
    {
        using var docker = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();
        var floors = new Dictionary<int, List<double>>();
        foreach (var replicas in ReplicaCounts)
        {
            floors[replicas] = [];
            for (var round = 0; round < Rounds; round++)
                floors[replicas].Add(await RawCreateStartAsync(docker, replicas));
        }

        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        using var repo = new GitRepository();
        repo.Commit("empty", ("README.md", "bench"));
        var client = new ObjectClient(store);
        var node = $"bench-{Guid.NewGuid():N}"[..14];
        using var stop = new CancellationTokenSource();
        var state = Directory.CreateTempSubdirectory("gitorch-bench-");
        var system = Task.WhenAll(
            new GitSyncLoop(ManifestRepository.Open(repo.Path), client, NullLogger<GitSyncLoop>.Instance, new SyncLoopOptions("HEAD", SyncInterval)).RunAsync(stop.Token),
            ControlPlane.RunAsync(ControllerContext.Create(client, NullLoggerFactory.Instance), stop.Token),
            NodeAgent.RunAsync(client, new AgentOptions { NodeName = node, Runtime = "docker", StateDirectory = state.FullName }, NullLoggerFactory.Instance, stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(2));

        foreach (var replicas in ReplicaCounts)
        {
            var gitorch = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                var stopwatch = Stopwatch.StartNew();
                repo.Commit($"{replicas} replicas, round {round}", ("app.yaml", Deployment(replicas)));
                await WaitForRunningAsync(docker, node, replicas);
                gitorch.Add(stopwatch.Elapsed.TotalMilliseconds);
                repo.Commit($"{replicas} replicas, round {round} cleanup", ("app.yaml", null));
                await WaitForRunningAsync(docker, node, 0);
            }
            var (floorMedian, gitorchMedian) = (Median(floors[replicas]), Median(gitorch));
            Console.WriteLine($"{replicas,2} x raw Docker create+start:       median {floorMedian,7:F0} ms  runs [{string.Join(", ", floors[replicas].Select(v => v.ToString("F0")))}] (floor)");
            Console.WriteLine($"commit -> {replicas,2} containers running:    median {gitorchMedian,7:F0} ms  runs [{string.Join(", ", gitorch.Select(v => v.ToString("F0")))}]  ratio {gitorchMedian / floorMedian:F2}x (sync poll {SyncInterval.TotalMilliseconds} ms)");
        }
        await stop.CancelAsync();
        await system.ContinueWith(_ => { });
        state.Delete(recursive: true);
    }

    private static async Task<double> RawCreateStartAsync(DockerClient docker, int count)
    {
        var ids = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "busybox:1.36", Cmd = ["sleep", "3600"] });
            await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
            ids.Add(created.ID);
        }
        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        foreach (var id in ids)
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
        return elapsed;
    }

    private static async Task WaitForRunningAsync(DockerClient docker, string node, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = count == 0,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"gitorch.io/node={node}"] = true, ["gitorch.io/role=app"] = true } },
            });
            if (containers.Count(c => count == 0 || c.State == "running") == count) return;
            await Task.Delay(20);
        }
        throw new TimeoutException($"{count} containers did not reach the wanted state");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Deployment(int replicas) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: bench}
        spec:
          replicas: {{{replicas}}}
          selector: {matchLabels: {app: bench}}
          template:
            metadata: {labels: {app: bench}}
            spec:
              containers:
              - {name: main, image: "busybox:1.36", imagePullPolicy: IfNotPresent, command: [sleep, "3600"]}
        """;
}
