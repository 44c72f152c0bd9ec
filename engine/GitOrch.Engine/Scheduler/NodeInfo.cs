using GitOrch.Api.Model;

namespace GitOrch.Engine.Scheduler;

/// <summary>One node as the scheduler sees it: the node, and the sums of the pods placed on it.</summary>
public sealed class NodeInfo(Node node)
{
    private readonly Dictionary<string, Pod> _pods = [];
    private readonly Dictionary<string, int> _podsPerOwner = [];
    private readonly HashSet<(string Protocol, int Port)> _hostPorts = [];

    private Node _node = node;

    /// <summary>The node; setting it re-reads what placement looks up on every pod, so that is parsed once per node change.</summary>
    public Node Node
    {
        get => _node;
        set
        {
            _node = value;
            Allocatable = PodResources.Allocatable(value);
            Zone = value.Metadata.Labels?.GetValueOrDefault(WellKnown.Zone);
        }
    }

    public string Name => Node.Name;
    public ResourceAmounts Allocatable { get; private set; } = PodResources.Allocatable(node);
    public string? Zone { get; private set; } = node.Metadata.Labels?.GetValueOrDefault(WellKnown.Zone);
    public ResourceAmounts Requested { get; private set; } = ResourceAmounts.Zero;
    public IEnumerable<Pod> Pods => _pods.Values;

    public int PodsOwnedBy(string ownerUid) => _podsPerOwner.GetValueOrDefault(ownerUid);

    public bool HostPortInUse(string protocol, int port) => _hostPorts.Contains((protocol, port));

    public void Add(Pod pod)
    {
        if (!_pods.TryAdd(pod.Metadata.Uid ?? pod.Name, pod)) return;
        Requested += PodResources.Requests(pod);
        if (pod.ControllerReference()?.Uid is { } owner) _podsPerOwner[owner] = _podsPerOwner.GetValueOrDefault(owner) + 1;
        foreach (var port in HostPorts(pod)) _hostPorts.Add(port);
    }

    /// <returns>The pod as it was placed here, or null if it was not here.</returns>
    public Pod? Remove(Pod pod)
    {
        if (!_pods.Remove(pod.Metadata.Uid ?? pod.Name, out var placed)) return null;
        Requested += -PodResources.Requests(placed);
        if (placed.ControllerReference()?.Uid is { } owner) _podsPerOwner[owner]--;
        foreach (var port in HostPorts(placed)) _hostPorts.Remove(port);
        return placed;
    }

    public static IEnumerable<(string Protocol, int Port)> HostPorts(Pod pod) =>
        pod.Spec.Containers.SelectMany(container => container.Ports ?? [])
            .Where(port => port.HostPort is > 0)
            .Select(port => (port.Protocol ?? "TCP", port.HostPort!.Value));
}
