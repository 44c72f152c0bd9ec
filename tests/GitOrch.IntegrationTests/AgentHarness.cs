using GitOrch.Api.Policy;
using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests;

/// <summary>
/// A real nats-server and one `gitorch agent` process on a chosen runtime. Tests write pods (already
/// bound to the agent's node) and services straight into the store, as the scheduler would, and
/// read back what the agent reports, through the control plane's pod status relay.
/// </summary>
public sealed class AgentHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-agent-");
    private NatsServerProcess _nats = null!;
    private NatsObjectStore _store = null!;

    public string Runtime { get; private init; } = "";
    public string Node { get; } = $"ag-{Guid.NewGuid():N}"[..12];
    public ObjectClient Client { get; private set; } = null!;
    public GitorchProcess Agent { get; private set; } = null!;
    public string Home => _home.FullName;
    public string StoreUrl => _nats.Url;

    private Xunit.Abstractions.ITestOutputHelper? _log;

    private readonly CancellationTokenSource _stopControllers = new();
    private Task _controllers = Task.CompletedTask;

    /// <summary>Starts nats-server and the agent; the agent's output goes to <paramref name="log"/> when the harness is disposed.</summary>
    /// <param name="endpoints">Also runs the control plane's Endpoints controller, for tests of the service proxy, which forwards to what Endpoints list.</param>
    /// <param name="relayStatus">Runs the pod status relay; a test that starts a server of its own leaves it to the server.</param>
    public static async Task<AgentHarness> StartAsync(string runtime, Xunit.Abstractions.ITestOutputHelper? log = null, bool endpoints = false, bool relayStatus = true)
    {
        var harness = new AgentHarness { Runtime = runtime, _log = log };
        harness._nats = await NatsServerProcess.StartAsync();
        harness._store = await NatsObjectStore.ConnectAsync(harness._nats.Url);
        harness.Client = new ObjectClient(harness._store);
        var context = GitOrch.Engine.Reconciling.ControllerContext.Create(harness.Client, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var relay = relayStatus ? new GitOrch.Engine.Controllers.PodStatusRelay(context).RunAsync(harness._stopControllers.Token) : Task.CompletedTask;
        harness._controllers = endpoints
            ? Task.WhenAll(relay, new GitOrch.Engine.Controllers.EndpointsController(context).RunAsync(harness._stopControllers.Token))
            : relay;
        harness.StartAgent();
        return harness;
    }

    /// <summary>Starts the agent (again, after <see cref="GitorchProcess.KillAsync"/>), with a short restart back-off so tests see several restarts.</summary>
    public void StartAgent() =>
        Agent = GitorchProcess.Start(Home, ["agent", "--node", Node, "--runtime", Runtime, "--pod-network", "none", "--node-ip", "127.0.0.1", "--store", StoreUrl, "--restart-backoff", "00:00:02"]);

    public Task<Pod> CreatePodAsync(string name, PodSpec spec, Dictionary<string, string>? labels = null) =>
        Client.CreateAsync(new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = labels },
            Spec = spec with { NodeName = Node },
        });

    /// <summary>Labels the pods' namespace with a Pod Security level, for pods that mount host paths.</summary>
    public Task<Namespace> SetPodSecurityAsync(string level) =>
        Client.CreateAsync(new Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new ObjectMeta { Name = "default", Labels = new() { [PodSecurityStandards.EnforceLabel] = level } },
        });

    public async Task<Pod> WaitPodAsync(string name, Func<Pod, bool> done, string what) =>
        (await Eventually.WaitAsync(() => Client.GetAsync<Pod>("default", name), pod => pod is not null && done(pod), Timeout, $"pod {name}: {what}"))!;

    /// <summary>Runs a verb against this store; the store flag goes right after the verb, before any <c>--</c>.</summary>
    /// <summary>Applies the repository's HEAD as a user would; it waits for hooks and waves, so it may run for minutes.</summary>
    public async Task<(int ExitCode, string Output)> ApplyAsync(string repository)
    {
        await using var apply = GitorchProcess.Start(Home, ["apply", "--repo", repository, "--store", StoreUrl]);
        var code = await apply.WaitForExitAsync(TimeSpan.FromMinutes(4));
        _log?.WriteLine(apply.Output);
        return (code, apply.Output);
    }

    public Task<CommandResult> CliAsync(params string[] arguments) => GitorchProcess.RunAsync(Home, [arguments[0], "--store", StoreUrl, .. arguments[1..]]);

    public static ContainerStatus? Status(Pod pod, string container) => pod.Status?.ContainerStatuses?.FirstOrDefault(s => s.Name == container);

    public static bool IsRunning(Pod pod) => pod.Status?.Phase == "Running" && pod.Status.ContainerStatuses?.All(s => s.State?.Running is not null) == true;

    public async ValueTask DisposeAsync()
    {
        foreach (var pod in await Client.ListAsync<Pod>())
            await Client.DeleteAsync(pod);
        await Eventually.WaitAsync(() => HostProbe.AllContainersAsync(Node), count => count == 0, Timeout, "the agent removes its containers");
        await Agent.DisposeAsync();
        await _stopControllers.CancelAsync();
        await _controllers.ContinueWith(_ => { }, TaskScheduler.Default);
        _log?.WriteLine("agent:\n" + Agent.Output);
        await _store.DisposeAsync();
        await _nats.DisposeAsync();
        _home.Delete(recursive: true);
    }
}
