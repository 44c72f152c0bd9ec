using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Nodes;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>A drain evicts a node's pods one by one and waits wherever a PodDisruptionBudget says not yet.</summary>
public sealed class NodeDrainTests
{
    private readonly ObjectClient _client = new(new InMemoryObjectStore());
    private readonly List<string> _steps = [];

    private Task Report(string line)
    {
        lock (_steps) _steps.Add(line);
        return Task.CompletedTask;
    }

    private Task<List<string>> StepsAsync()
    {
        lock (_steps) return Task.FromResult(_steps.ToList());
    }

    private async Task ReadyPodAsync(string name, string node)
    {
        var pod = await _client.CreateAsync(new Pod
        {
            ApiVersion = "v1", Kind = "Pod",
            Metadata = new ObjectMeta
            {
                Name = name, Namespace = "default", Labels = new() { ["app"] = "web" },
                OwnerReferences = [new OwnerReference { Kind = "ReplicaSet", Name = "web", Uid = "rs-web", Controller = true }],
            },
            Spec = new PodSpec { NodeName = node, Containers = [new Container { Name = "web", Image = "busybox" }] },
        });
        await _client.PutStatusAsync(pod, new PodStatus { Phase = "Running", Conditions = [new Condition { Type = "Ready", Status = "True" }] });
    }

    private async Task SetUpAsync()
    {
        await _client.CreateAsync(new Node { ApiVersion = "v1", Kind = "Node", Metadata = new ObjectMeta { Name = "n1" } });
        await _client.CreateAsync(new PodDisruptionBudget
        {
            ApiVersion = "policy/v1", Kind = "PodDisruptionBudget", Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new PodDisruptionBudgetSpec { MinAvailable = 2, Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } } },
        });
        await ReadyPodAsync("web-a", "n1");
        await ReadyPodAsync("web-b", "n1");
        await ReadyPodAsync("web-c", "n2");
    }

    [Fact]
    public async Task Drain_WaitsWhileTheBudgetIsShort_AndEvictsOnceAReplacementIsReady()
    {
        await SetUpAsync();

        var drain = new NodeDrain(_client).DrainAsync("n1", force: false, TimeSpan.FromMinutes(2), Report, CancellationToken.None);
        await Eventually.WaitAsync(StepsAsync, steps => steps.Any(step => step.StartsWith("waiting", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the drain to wait on the budget");
        Assert.NotNull(await _client.GetAsync<Pod>("default", "web-b"));
        await ReadyPodAsync("web-d", "n2");
        await drain;

        Assert.Equal(["node/n1 cordoned", "evicting pod default/web-a",
            "waiting to evict pod default/web-b: it would violate PodDisruptionBudget default/web (2 healthy, 2 needed)", "evicting pod default/web-b"], _steps);
        Assert.True((await _client.GetAsync<Node>(null, "n1"))!.Spec.Unschedulable);
    }

    [Fact]
    public async Task Drain_WhoseTimeoutRunsOut_NamesTheBudget_AndLeavesThePod()
    {
        await SetUpAsync();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => new NodeDrain(_client).DrainAsync("n1", false, TimeSpan.FromSeconds(1), Report, CancellationToken.None));

        Assert.Contains("default/web-b", error.Message);
        Assert.Contains("PodDisruptionBudget default/web", error.Message);
        Assert.NotNull(await _client.GetAsync<Pod>("default", "web-b"));
    }

    [Fact]
    public void Budget_AsAPercentage_CountsTheSelectedPods_AndAnUnreadyPodMayGoWhileTheBudgetHolds()
    {
        Pod P(string name, bool ready) => new()
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = "web" } },
            Status = new PodStatus { Phase = "Running", Conditions = [new Condition { Type = "Ready", Status = ready ? "True" : "False" }] },
        };
        var budget = new PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new PodDisruptionBudgetSpec { MaxUnavailable = new IntOrString("50%"), Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } } },
        };
        List<Pod> pods = [P("a", true), P("b", true), P("c", true), P("d", false)];

        Assert.Null(DisruptionBudgets.WhyNotEvict(pods[0], [budget], pods));
        Assert.Null(DisruptionBudgets.WhyNotEvict(pods[3], [budget], pods));
        Assert.NotNull(DisruptionBudgets.WhyNotEvict(pods[0], [budget], [P("a", true), P("b", true), P("c", false), P("d", false)]));
    }

    [Fact]
    public void Budget_WithBothBounds_IsRefusedAtLoad()
    {
        const string yaml = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  minAvailable: 1\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}\n";

        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("pdb.yaml", yaml));

        Assert.Contains("pdb.yaml:6:", error.Message);
        Assert.Contains("spec.maxUnavailable: cannot be set together with spec.minAvailable", error.Message);
    }
}
