using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Scheduler;

/// <summary>
/// The nodes and the pods placed on them, kept up to date incrementally so that placing one pod does
/// not rescan the cluster. Pods the scheduler has just bound count at once ("assumed"), before the
/// store reports the binding back.
/// </summary>
public sealed class ClusterSnapshot
{
    private readonly Dictionary<string, NodeInfo> _nodes = [];
    private readonly Dictionary<string, string> _nodeOfPod = [];
    private readonly Dictionary<(string Zone, string Owner), int> _podsPerZone = [];
    private readonly Dictionary<string, (Pod Pod, NodeInfo Node)> _podsWithRequiredAntiAffinity = [];
    private List<NodeInfo>? _ordered;

    public static ClusterSnapshot From(IEnumerable<Node> nodes, IEnumerable<Pod> pods)
    {
        var snapshot = new ClusterSnapshot();
        foreach (var node in nodes) snapshot.SetNode(node);
        foreach (var pod in pods) snapshot.SetPod(pod);
        return snapshot;
    }

    /// <summary>Every node, in name order, so that placement is deterministic.</summary>
    public IReadOnlyList<NodeInfo> Nodes => _ordered ??= _nodes.Values.OrderBy(node => node.Name, StringComparer.Ordinal).ToList();

    /// <summary>How many pods of one owner run in a zone, kept as pods come and go so spreading costs no scan.</summary>
    public int PodsInZone(string zone, string owner) => _podsPerZone.GetValueOrDefault((zone, owner));

    /// <summary>The placed pods that must keep others away, which every placement checks the pod against (Kubernetes' symmetric anti-affinity).</summary>
    public IEnumerable<(Pod Pod, NodeInfo Node)> PodsWithRequiredAntiAffinity => _podsWithRequiredAntiAffinity.Values;

    public void SetNode(Node node)
    {
        if (_nodes.TryGetValue(node.Name, out var info)) info.Node = node;
        else
        {
            _nodes[node.Name] = new NodeInfo(node);
            _ordered = null;
        }
    }

    public void RemoveNode(string name)
    {
        if (_nodes.Remove(name)) _ordered = null;
    }

    /// <summary>Records where a pod is (or that it is nowhere yet); a finished pod holds nothing.</summary>
    public void SetPod(Pod pod)
    {
        RemovePod(pod);
        if (pod.Spec.NodeName is not { } nodeName || PodConditions.IsFinished(pod)) return;
        if (!_nodes.TryGetValue(nodeName, out var node))
        {
            // A pod can be reported before its node; it still uses that node's room once the node appears.
            SetNode(new Node { Metadata = new ObjectMeta { Name = nodeName } });
            node = _nodes[nodeName];
        }
        node.Add(pod);
        _nodeOfPod[Key(pod)] = nodeName;
        CountInZone(node, pod, +1);
        if (pod.Spec.Affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is { Count: > 0 })
            _podsWithRequiredAntiAffinity[Key(pod)] = (pod, node);
    }

    public void RemovePod(Pod pod)
    {
        _podsWithRequiredAntiAffinity.Remove(Key(pod));
        if (_nodeOfPod.Remove(Key(pod), out var nodeName) && _nodes.TryGetValue(nodeName, out var node) && node.Remove(pod) is { } placed)
            CountInZone(node, placed, -1);
    }

    private void CountInZone(NodeInfo node, Pod pod, int change)
    {
        if (node.Zone is { } zone && pod.ControllerReference()?.Uid is { } owner)
            _podsPerZone[(zone, owner)] = _podsPerZone.GetValueOrDefault((zone, owner)) + change;
    }

    private static string Key(Pod pod) => pod.Metadata.Uid ?? $"{pod.Namespace}/{pod.Name}";
}
