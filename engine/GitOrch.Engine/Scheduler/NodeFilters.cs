using System.Globalization;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Scheduler;

/// <summary>The checks that rule a node out for a pod. Each returns null, or the reason as the summary counts it.</summary>
public static class NodeFilters
{
    /// <summary>Ready, and heard from lately: a node whose agent stopped without saying so may still say Ready.</summary>
    public static string? Readiness(Node node, DateTimeOffset now) =>
        NodeHeartbeats.Ready(node) is { Status: "True" } && !NodeHeartbeats.IsStale(node, now) ? null : "node(s) not ready";

    public static string? Cordon(Node node, Pod pod) =>
        node.Spec.Unschedulable == true && !Tolerates(pod, new Taint { Key = WellKnown.UnschedulableTaint, Effect = "NoSchedule" })
            ? "node(s) unschedulable"
            : null;

    public static string? Taints(Node node, Pod pod) =>
        node.Spec.Taints is { Count: > 0 } taints && taints.Any(taint => taint.Effect is "NoSchedule" or "NoExecute" && !Tolerates(pod, taint)) ? "untolerated taint" : null;

    public static string? Selector(Node node, Pod pod)
    {
        if (pod.Spec.NodeSelector is { Count: > 0 } selector && selector.Any(pair => node.Metadata.Labels?.GetValueOrDefault(pair.Key) != pair.Value))
            return "didn't match node selector";
        var required = pod.Spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        return required is null || required.NodeSelectorTerms.Any(term => Matches(term, node)) ? null : "didn't match node affinity";
    }

    /// <summary>Every volume the pod uses lives where this node is.</summary>
    public static string? VolumeNodes(Node node, IReadOnlyList<NodeSelector> volumeNodes) =>
        volumeNodes.All(selector => selector.NodeSelectorTerms.Any(term => Matches(term, node))) ? null : "node(s) had volume node affinity conflict";

    public static string? Resources(NodeInfo node, ResourceAmounts request)
    {
        var allocatable = node.Allocatable;
        var used = node.Requested;
        if (used.MilliCpu + request.MilliCpu > allocatable.MilliCpu) return "insufficient cpu";
        if (used.MemoryBytes + request.MemoryBytes > allocatable.MemoryBytes) return "insufficient memory";
        if (used.Pods + 1 > allocatable.Pods) return "too many pods";
        return null;
    }

    public static string? HostPorts(NodeInfo node, Pod pod) =>
        NodeInfo.HostPorts(pod).Any(port => node.HostPortInUse(port.Protocol, port.Port)) ? "host port conflict" : null;

    public static bool Tolerates(Pod pod, Taint taint) =>
        (pod.Spec.Tolerations ?? []).Any(toleration =>
            (toleration.Effect is null or "" || toleration.Effect == taint.Effect)
            && (toleration.Operator == "Exists"
                ? toleration.Key is null or "" || toleration.Key == taint.Key
                : toleration.Key == taint.Key && (toleration.Value ?? "") == (taint.Value ?? "")));

    /// <summary>A node selector term: every expression and field requirement holds.</summary>
    public static bool Matches(NodeSelectorTerm term, Node node)
    {
        var labels = node.Metadata.Labels ?? [];
        var fields = new Dictionary<string, string> { ["metadata.name"] = node.Name };
        return (term.MatchExpressions ?? []).All(requirement => Matches(requirement, labels))
               && (term.MatchFields ?? []).All(requirement => Matches(requirement, fields));
    }

    private static bool Matches(NodeSelectorRequirement requirement, IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(requirement.Key, out var value);
        var values = requirement.Values ?? [];
        return requirement.Operator switch
        {
            "In" => has && values.Contains(value!),
            "NotIn" => !has || !values.Contains(value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && Compare(value!, values) > 0,
            "Lt" => has && Compare(value!, values) < 0,
            _ => false,
        };
    }

    private static int Compare(string value, List<string> values) =>
        values.Count == 1 && long.TryParse(value, CultureInfo.InvariantCulture, out var left) && long.TryParse(values[0], CultureInfo.InvariantCulture, out var right)
            ? left.CompareTo(right)
            : 0;
}
