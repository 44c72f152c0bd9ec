using System.Diagnostics;
using GitOrch.Api.Model;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// Canary and blue-green releases end to end: manifests in git, the server's controllers, a docker
/// agent whose service proxy splits and counts the traffic, and <c>gitorch canary start</c> as CI runs it.
/// The app is the canary example's: it answers "hello from VERSION", and the :bad image answers 30% of
/// requests with a 500.
/// </summary>
[Collection("end-to-end")]
public sealed class CanaryReleaseTests(ReleaseCluster cluster, ITestOutputHelper log) : IClassFixture<ReleaseCluster>
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromMinutes(3);

    private static string App(string name, int replicas, string image, string strategy) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          strategy:
        {strategy}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: {image}
                ports: [{"{"}containerPort: 8080{"}"}]
        """;

    private static string NodePortService(string name, string app, int nodePort) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          type: NodePort
          selector: {"{"}app: {app}{"}"}
          ports:
          - {"{"}name: http, port: 8080, targetPort: 8080, nodePort: {nodePort}{"}"}
        """;

    private const string Analysis = "{successRate: {min: 0.95}, latencyP99: {max: 1s}, minRequests: 10, interval: 4s}";

    private static async Task<string> AskAsync(int nodePort)
    {
        try
        {
            using var answer = await Http.GetAsync($"http://127.0.0.1:{nodePort}/cgi-bin/app");
            return (await answer.Content.ReadAsStringAsync()).Trim();
        }
        catch (HttpRequestException e)
        {
            return $"failed: {e.Message}";
        }
    }

    private static async Task<List<string>> AskManyAsync(int nodePort, int count)
    {
        var answers = new List<string>();
        for (var i = 0; i < count; i++) answers.Add(await AskAsync(nodePort));
        return answers;
    }

    /// <summary>Steady traffic for the analysis, until disposed.</summary>
    private static async Task<IAsyncDisposable> TrafficAsync(int nodePort)
    {
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await AskAsync(nodePort);
                await Task.Delay(20);
            }
        });
        await Task.CompletedTask;
        return new Stopper(stop, loop);
    }

    private sealed class Stopper(CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
        }
    }

    private static int NewNodePort() => Random.Shared.Next(30000, 32768);

    /// <summary>Four ready v1 pods of the app behind a NodePort Service; returns the node port.</summary>
    private async Task<int> DeployV1Async(string name, string steps)
    {
        var port = NewNodePort();
        await cluster.CommitAndSyncAsync($"{name} v1", ($"{name}.yaml", App(name, 4, "gitorch-canary-app:v1", steps)), ($"{name}-svc.yaml", NodePortService(name, name, port)));
        await Eventually.WaitAsync(() => cluster.ReadyPodsAsync(name), pods => pods.Count == 4, AgentHarness.Timeout, "4 ready v1 pods");
        return port;
    }

    private static readonly string AbortingSteps = $"    type: Canary\n    canary:\n      steps:\n      - setWeight: 25\n      - analysis: {Analysis}\n      - setWeight: 100";

    private async Task<CommandResult> FinishAsync(GitorchProcess process)
    {
        try
        {
            return new CommandResult(await process.WaitForExitAsync(ReleaseTimeout + TimeSpan.FromSeconds(30)), process.Output, "");
        }
        finally
        {
            log.WriteLine("canary start:\n" + process.Output);
        }
    }

    [Fact]
    public async Task HealthyCanary_SplitsExactly25Percent_ThenPromotesThroughEveryStep_AndExitsZero()
    {
        var port = await DeployV1Async("good", $"    type: Canary\n    canary:\n      steps:\n      - setWeight: 25\n      - pause: {"{}"}\n      - analysis: {Analysis}\n      - setWeight: 50\n      - pause: {"{duration: 2s}"}");

        await using var release = GitorchProcess.Start(cluster.Agent.Home, ["canary", "start", "deployment/good", "--image", "gitorch-canary-app:v2",
            "--repo", cluster.Repo.Path, "--wait", "--timeout", "3m", "--store", cluster.Agent.StoreUrl]);
        await cluster.WaitDeploymentAsync("good", d => d.Status?.Rollout is { Phase: RolloutPhases.Paused, CurrentStep: 1, Weight: 25 }, "paused at 25%");
        await Eventually.WaitAsync(() => cluster.ReadyPodsAsync("good"), pods => pods.Count == 5, AgentHarness.Timeout, "4 stable and 1 canary pod ready");

        var answers = await AskManyAsync(port, 400);
        var canary = answers.Count(a => a == "hello from v2");
        log.WriteLine($"400 requests: {canary} to the canary, {answers.Count(a => a == "hello from v1")} to stable");
        Assert.Equal(400, answers.Count(a => a is "hello from v1" or "hello from v2"));
        Assert.InRange(canary, 80, 120);

        await using (await TrafficAsync(port))
        {
            var promote = await cluster.Agent.CliAsync("rollout", "promote", "deployment/good");
            Assert.Equal(0, promote.ExitCode);
            var result = await FinishAsync(release);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("verdict: promoted gitorch-canary-app:v2", result.Output);
            Assert.Contains("analysis at step 3: Successful", result.Output);
        }
        var done = await cluster.WaitDeploymentAsync("good", d => d.Status?.Rollout?.Phase == RolloutPhases.Healthy, "healthy");
        Assert.Equal("gitorch-canary-app:v2", done.Spec.Template.Spec.Containers[0].Image);
        await Eventually.WaitAsync(() => cluster.ReadyPodsAsync("good"), pods => pods.Count == 4 && pods.All(p => p.Spec.Containers[0].Image == "gitorch-canary-app:v2"), AgentHarness.Timeout, "4 v2 pods only");
        Assert.Null((await cluster.Agent.Client.GetAsync<Service>("default", "good"))!.Annotation(WellKnown.TrafficWeights));
        Assert.Contains("image: gitorch-canary-app:v2", File.ReadAllText(Path.Combine(cluster.Repo.Path, "good.yaml")));
    }

    [Fact]
    public async Task FailingCanary_AbortsAtTheFirstConclusiveAnalysis_SendsNothingToItAfter_AndCommitsARevert()
    {
        var port = await DeployV1Async("shaky", AbortingSteps);
        var before = cluster.Repo.Git("rev-parse", "HEAD").Trim();

        CommandResult result;
        await using (await TrafficAsync(port))
        {
            await using var release = GitorchProcess.Start(cluster.Agent.Home, ["canary", "start", "deployment/shaky", "--image", "gitorch-canary-app:bad",
                "--repo", cluster.Repo.Path, "--wait", "--timeout", "3m", "--revert-on-abort", "--store", cluster.Agent.StoreUrl]);
            result = await FinishAsync(release);
        }
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("verdict: aborted gitorch-canary-app:bad", result.Output);

        var deployment = (await cluster.Agent.Client.GetAsync<Deployment>("default", "shaky"))!;
        // On a busy machine a measurement may see too few requests and be taken again; the first conclusive one must fail.
        var verdicts = deployment.Status!.Rollout!.Measurements!.Select(m => m.Verdict).ToList();
        Assert.Equal(AnalysisVerdicts.Failed, verdicts[^1]);
        Assert.All(verdicts[..^1], verdict => Assert.Equal(AnalysisVerdicts.Inconclusive, verdict));
        await Eventually.WaitAsync(() => cluster.Agent.Client.ListAsync<Event>("default"),
            events => events.Any(e => e.Reason == "RolloutAborted" && e.Message.Contains("success rate")), AgentHarness.Timeout, "a RolloutAborted event naming the success rate");

        var answers = await AskManyAsync(port, 100);
        Assert.Equal(100, answers.Count(a => a == "hello from v1"));

        var commits = cluster.Repo.Git("log", "--format=%s", $"{before}..HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Revert canary deployment/shaky: back to gitorch-canary-app:v1", "Canary deployment/shaky: gitorch-canary-app:bad"], commits);
        Assert.Contains("image: gitorch-canary-app:v1", File.ReadAllText(Path.Combine(cluster.Repo.Path, "shaky.yaml")));
        await cluster.WaitDeploymentAsync("shaky", d => d.Status?.Rollout?.Phase == RolloutPhases.Healthy, "healthy on v1 after the revert");
    }

    [Fact]
    public async Task A_failing_canary_shows_live_on_the_dashboard_its_weight_its_per_version_error_chart_and_the_failed_metric_with_its_threshold()
    {
        var port = await DeployV1Async("watched", AbortingSteps);
        await using var browser = await DashboardBrowser.LaunchChromiumAsync();
        var page = await browser.NewPageAsync();
        page.DefaultTimeout = (int)ReleaseTimeout.TotalMilliseconds;
        await page.GoToAsync($"{cluster.DashboardUrl}/rollouts?q=watched");
        await page.WaitForFunctionAsync("() => document.body.dataset.liveConnected === 'true'");
        await page.EvaluateExpressionAsync("window.notReloaded = true");

        await using (await TrafficAsync(port))
        {
            await using var release = GitorchProcess.Start(cluster.Agent.Home, ["canary", "start", "deployment/watched", "--image", "gitorch-canary-app:bad",
                "--repo", cluster.Repo.Path, "--wait", "--timeout", "3m", "--store", cluster.Agent.StoreUrl]);
            await page.WaitForFunctionAsync("() => document.querySelector('.weight')?.textContent === '25%'");
            await page.WaitForFunctionAsync("() => document.querySelector('figure.chart polyline.canary') !== null");
            await page.WaitForFunctionAsync("() => document.querySelector('.phase')?.textContent === 'Aborted'");
            await FinishAsync(release);
        }
        var analyses = await page.EvaluateExpressionAsync<string>("document.querySelector('section.rollout table')?.textContent ?? ''");
        var errorChart = await page.EvaluateExpressionAsync<string>("[...document.querySelectorAll('figcaption')].map(f => f.textContent).find(t => t.startsWith('Error rate')) ?? ''");

        Assert.True(await page.EvaluateExpressionAsync<bool>("window.notReloaded === true"), "the page reloaded instead of updating in place");
        Assert.Contains("Failed", analyses);
        Assert.Contains("success rate ≥ 95%", analyses);
        Assert.Contains("threshold 5%", errorChart);
        Assert.Contains("canary", errorChart);
    }

    [Fact]
    public async Task BlueGreen_PreviewServesTheNewVersion_AndPromotionSwitchesTheActiveServiceAtOnce()
    {
        var (activePort, previewPort) = (NewNodePort(), NewNodePort());
        var strategy = "    type: BlueGreen\n    blueGreen: {activeService: bg, previewService: bg-preview, autoPromotionEnabled: false}";
        await cluster.CommitAndSyncAsync("bg v1", ("bg.yaml", App("bg", 2, "gitorch-canary-app:v1", strategy)),
            ("bg-svc.yaml", NodePortService("bg", "bg", activePort) + "\n---\n" + NodePortService("bg-preview", "bg", previewPort)));
        await Eventually.WaitAsync(() => cluster.ReadyPodsAsync("bg"), pods => pods.Count == 2, AgentHarness.Timeout, "2 ready v1 pods");

        var start = await cluster.Agent.CliAsync("canary", "start", "deployment/bg", "--image", "gitorch-canary-app:v2", "--repo", cluster.Repo.Path);
        Assert.True(start.ExitCode == 0, start.Error);
        await cluster.WaitDeploymentAsync("bg", d => d.Status?.Rollout?.Phase == RolloutPhases.Paused, "preview ready, waiting for promotion");

        Assert.All(await AskManyAsync(previewPort, 20), answer => Assert.Equal("hello from v2", answer));
        Assert.All(await AskManyAsync(activePort, 20), answer => Assert.Equal("hello from v1", answer));

        var clock = Stopwatch.StartNew();
        Assert.Equal(0, (await cluster.Agent.CliAsync("rollout", "promote", "deployment/bg")).ExitCode);
        await Eventually.WaitAsync(() => AskManyAsync(activePort, 5), answers => answers.All(a => a == "hello from v2"), AgentHarness.Timeout, "the active Service on v2");
        log.WriteLine($"active Service switched {clock.ElapsedMilliseconds} ms after promote was called");
        Assert.All(await AskManyAsync(activePort, 20), answer => Assert.Equal("hello from v2", answer));
        await cluster.WaitDeploymentAsync("bg", d => d.Status?.Rollout is { Phase: RolloutPhases.Healthy } r && r.StableHash == Releases(d), "promoted");
    }

    private static string Releases(Deployment deployment) => GitOrch.Cli.Output.ReleaseProgress.CurrentHash(deployment);
}
