using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// A HorizontalPodAutoscaler end to end, on requests per second that the agent's service proxy counts
/// (no metrics adapter): load through a NodePort scales the Deployment out, a sync of another commit
/// neither reverts nor reports the autoscaler's replicas, and without load it scales back in after its
/// stabilization window.
/// </summary>
[Collection("end-to-end")]
public sealed class AutoscalerTests(ReleaseCluster cluster, ITestOutputHelper log) : IClassFixture<ReleaseCluster>
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };
    private static readonly TimeSpan ScaleTimeout = TimeSpan.FromMinutes(2);

    private static string App(int nodePort) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: busy
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: busy
          template:
            metadata:
              labels:
                app: busy
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: gitorch-canary-app:v1
                ports:
                - containerPort: 8080
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: busy
        spec:
          type: NodePort
          selector:
            app: busy
          ports:
          - name: http
            port: 8080
            targetPort: 8080
            nodePort: {{nodePort}}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: busy
        spec:
          scaleTargetRef:
            apiVersion: apps/v1
            kind: Deployment
            name: busy
          minReplicas: 1
          maxReplicas: 3
          metrics:
          - type: Pods
            pods:
              metric:
                name: requests_per_second
              target:
                type: AverageValue
                averageValue: "2"
          behavior:
            scaleDown:
              stabilizationWindowSeconds: 10
        """;

    private async Task<List<PodUsage>> UsageOfBusyPodsAsync() =>
        [.. (await cluster.Agent.Client.Store.ListAsync(Buckets.Meta, NodeUsage.KeyPrefix))
            .SelectMany(entry => ObjectJson.FromBytes<NodeUsage>(entry.Value).Pods)
            .Where(pair => pair.Key.StartsWith("default/busy-", StringComparison.Ordinal))
            .Select(pair => pair.Value)];

    [Fact]
    public async Task LoadScalesOut_OnRequestsPerSecond_GitDoesNotFightIt_AndIdleScalesBackIn()
    {
        var nodePort = Random.Shared.Next(30000, 32768);
        await cluster.CommitAndSyncAsync("busy app", ("busy.yaml", App(nodePort)));
        await cluster.WaitDeploymentAsync("busy", d => d.Status?.ReadyReplicas == 1, "one ready replica");

        using var load = new CancellationTokenSource();
        var answered = 0;
        var traffic = Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                try
                {
                    using var answer = await Http.GetAsync($"http://127.0.0.1:{nodePort}/cgi-bin/app", load.Token);
                    if (answer.IsSuccessStatusCode) Interlocked.Increment(ref answered);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }
                await Task.Delay(50, CancellationToken.None);
            }
        });
        try
        {
            await cluster.WaitDeploymentAsync("busy", d => d.Spec.Replicas == 3, "scaled out to 3 under load", ScaleTimeout);

            await cluster.CommitAndSyncAsync("unrelated change", ("other.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata: {a: b}\n"));
            var afterSync = (await cluster.Agent.Client.GetAsync<Deployment>("default", "busy"))!;
            var diff = await cluster.Agent.CliAsync("diff", "--live");
            Assert.Equal(3, afterSync.Spec.Replicas);
            Assert.True(diff.ExitCode == 0, $"diff --live reported drift: {diff.Output}{diff.Error}");
            // The agent measures the pods' memory and CPU from Docker's stats, for cpu and memory metrics.
            var usage = await Eventually.WaitAsync(UsageOfBusyPodsAsync, pods => pods.Count > 0 && pods.All(pod => pod.MemoryBytes > 0), ScaleTimeout, "usage of the busy pods");
            log.WriteLine(string.Join(", ", usage));
        }
        finally
        {
            await load.CancelAsync();
            await traffic;
        }
        log.WriteLine($"{answered} requests answered under load");
        Assert.True(answered > 0, "the load reached the app");

        var idle = await cluster.WaitDeploymentAsync("busy", d => d.Spec.Replicas == 1, "scaled back in to 1 when idle", ScaleTimeout);
        var hpa = (await cluster.Agent.Client.GetAsync<HorizontalPodAutoscaler>("default", "busy"))!;
        var rescales = (await cluster.Agent.Client.ListAsync<Event>("default"))
            .Where(e => e.Reason == "SuccessfulRescale" && e.InvolvedObject.Name == "busy").OrderBy(e => e.FirstTimestamp).Select(e => e.Message).ToList();
        log.WriteLine(string.Join("\n", rescales));
        Assert.Equal(1, idle.Spec.Replicas);
        Assert.StartsWith("New size: 1;", rescales[^1]);
        Assert.Contains(rescales, message => message.StartsWith("New size: 3;", StringComparison.Ordinal));
        Assert.Equal(1, hpa.Status!.DesiredReplicas);
        await cluster.CommitAndSyncAsync("busy gone", ("busy.yaml", null));
    }
}
