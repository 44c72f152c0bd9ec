using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests.Networking;

/// <summary>
/// Several machines on one: each node is a network namespace with its own address on a test bridge and
/// its own dockerd (tests/scripts/netns-nodes.sh), running a `gitorch agent` inside it in one pod
/// network mode. The host runs nats-server on the bridge address and one `gitorch server` syncing a Git
/// repository. Each kind of cluster has its own namespace prefix and segment, so they can run side by side.
/// </summary>
public abstract class MultiNodeCluster(string prefix, int segment, string podNetwork, int nodeCount, string runtime = "docker") : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>An HTTP GET from inside a node's namespace, as a process on that machine makes it: the body, trimmed, or the error.</summary>
    public async Task<string> HttpFromNodeAsync(int node, string url) =>
        (await HostProbe.CommandAsync("nsenter", [$"--net=/var/run/netns/{Namespace(node)}", "curl", "-s", "--max-time", "3", url])).Output.Trim();

    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-multinode-");
    private readonly GitorchProcess?[] _agents = new GitorchProcess?[nodeCount + 1];
    private NatsServerProcess _nats = null!;
    private NatsObjectStore _store = null!;
    private GitorchProcess _server = null!;

    public GitRepository Repo { get; } = new();
    public ObjectClient Client { get; private set; } = null!;

    public int NodeCount => nodeCount;
    public string NodeName(int node) => $"{prefix}{node}";
    public string NodeAddress(int node) => $"10.250.{segment}.{10 + node}";
    private string HostAddress => $"10.250.{segment}.1";
    private string Namespace(int node) => $"{prefix}{node}";
    private IReadOnlyDictionary<string, string> DockerHost(int node) =>
        new Dictionary<string, string> { ["DOCKER_HOST"] = $"unix:///run/gitorch-netns/{prefix}/{node}/docker.sock" };

    public async Task InitializeAsync()
    {
        await ScriptAsync("up");
        _nats = await NatsServerProcess.StartAsync([], NatsServerProcess.FreePort(), HostAddress);
        _store = await NatsObjectStore.ConnectAsync(_nats.Url);
        Client = new ObjectClient(_store);
        var first = Repo.Commit("start", ("README.md", "manifests\n"));
        _server = GitorchProcess.Start(_home.FullName, ["server", "--repo", Repo.Path, "--interval", "01:00:00", "--listen", "off", "--store", _nats.Url]);
        for (var node = 1; node <= NodeCount; node++) StartAgent(node);
        await Eventually.WaitAsync(() => CliAsync("history"), history => history.Output.Contains(first[..7]), Patience, "the server's first sync");
        await WaitForRoutesAsync();
    }

    public async Task DisposeAsync()
    {
        for (var node = 1; node <= NodeCount; node++)
            if (_agents[node] is { } agent) await agent.DisposeAsync();
        await _server.DisposeAsync();
        await _store.DisposeAsync();
        await _nats.DisposeAsync();
        await ScriptAsync("down");
        Repo.Dispose();
    }

    public void StartAgent(int node) =>
        _agents[node] = GitorchProcess.StartInNamespace(Namespace(node), _home.FullName,
            ["agent", "--node", NodeName(node), "--runtime", runtime, "--pod-network", podNetwork, "--docker-endpoint", DockerHost(node)["DOCKER_HOST"],
             "--state-dir", Path.Combine(_home.FullName, "nodes"), "--store", _nats.Url]);

    public async Task StopAgentAsync(int node)
    {
        await _agents[node]!.DisposeAsync();
        _agents[node] = null;
    }

    public string AgentOutput(int node) => _agents[node]?.Output ?? "";

    public Task<CommandResult> CliAsync(params string[] arguments) => GitorchProcess.RunAsync(_home.FullName, [arguments[0], "--store", _nats.Url, .. arguments[1..]]);

    /// <summary>Commits a manifest and syncs; a manifest the repository holds already (from an earlier test) is only synced.</summary>
    public async Task CommitAndSyncAsync(string message, string file, string content)
    {
        var path = Path.Combine(Repo.Path, file);
        if (!File.Exists(path) || File.ReadAllText(path) != content) Repo.Commit(message, (file, content));
        var sync = await CliAsync("sync", "--repo", Repo.Path);
        if (sync.ExitCode != 0) throw new InvalidOperationException($"sync failed: {sync.Error}{sync.Output}");
    }

    /// <summary>Every node has its block, and every node routes to the others' blocks: the cluster's steady state.</summary>
    public async Task WaitForRoutesAsync() =>
        await Eventually.WaitAsync(async () =>
        {
            var nodes = await Client.ListAsync<Node>();
            var missing = new List<string>();
            for (var node = 1; node <= NodeCount; node++)
            {
                var routes = await RoutesAsync(node);
                missing.AddRange(nodes.Where(n => n.Name != NodeName(node) && n.Spec.PodCIDR is { } block && !routes.Contains(block)).Select(n => $"{NodeName(node)}→{n.Name}"));
            }
            return (nodes.Count(n => n.Spec.PodCIDR is not null && NodeHeartbeats.Ready(n)?.Status == "True"), missing);
        }, state => state.Item1 == NodeCount && state.missing.Count == 0, Patience, "every node ready and routing to the others");

    /// <summary>The node's GitOrch routes, as `ip route` shows them inside its namespace.</summary>
    public async Task<string> RoutesAsync(int node) =>
        (await HostProbe.CommandAsync("ip", ["-n", Namespace(node), "-4", "route", "show", "proto", GitOrch.Agent.Network.PodRoutes.Protocol])).Output;

    public Task<CommandResult> IpAsync(int node, params string[] arguments) => HostProbe.CommandAsync("ip", ["-n", Namespace(node), .. arguments]);

    /// <summary>Runs a shell command in a pod's first app container, through its node's own Docker daemon.</summary>
    public async Task<CommandResult> ExecAsync(int node, Pod pod, string command)
    {
        var ids = await HostProbe.CommandAsync("docker", ["ps", "-q", "--filter", $"label={WellKnown.PodUid}={pod.Metadata.Uid}", "--filter", "label=gitorch.io/role=app"], DockerHost(node));
        var id = ids.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? throw new InvalidOperationException($"pod {pod.Name} has no running container on {NodeName(node)}");
        return await HostProbe.CommandAsync("docker", ["exec", id, "sh", "-c", command], DockerHost(node));
    }

    /// <summary>One HTTP/1.0 GET through busybox nc from inside the pod; the response's last line (the test apps serve their pod name).</summary>
    public async Task<string> HttpFromPodAsync(int node, Pod pod, string host, int port) =>
        (await ExecAsync(node, pod, $"printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 {host} {port} | tail -n 1")).Output.Trim();

    public async Task<List<Pod>> ReadyPodsAsync(string app) =>
        [.. (await Client.ListAsync<Pod>("default")).Where(p => p.Labels.GetValueOrDefault("app") == app && PodConditions.IsReady(p))];

    public int NodeOf(Pod pod) => int.Parse(pod.Spec.NodeName![prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);

    private async Task ScriptAsync(string action)
    {
        var result = await HostProbe.CommandAsync("bash", [Path.Combine(ReleaseCluster.SolutionRoot(), "tests/scripts/netns-nodes.sh"), action, $"{nodeCount}", prefix, $"{segment}"]);
        if (result.ExitCode != 0) throw new InvalidOperationException($"netns-nodes.sh {action}: {result.Error}{result.Output}");
    }
}

/// <summary>Three nodes on one segment, routed host-gw.</summary>
public sealed class HostGatewayCluster() : MultiNodeCluster("gtn", 0, "host-gw", 3);

/// <summary>Three nodes on the process runtime: pods are host processes, on addresses of each node's block.</summary>
public sealed class ProcessNodesCluster() : MultiNodeCluster("gtp", 4, "host-gw", 3, "process");

/// <summary>Two nodes whose pod traffic goes through VXLAN.</summary>
public sealed class VxlanCluster() : MultiNodeCluster("gtx", 1, "vxlan", 2);
