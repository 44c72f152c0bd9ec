using GitOrch.Api.Model;

namespace GitOrch.Dashboard.Views;

/// <summary>A node's state in a word, as the overview and the nodes view show it: Ready, NotReady or Unknown, and whether it is cordoned.</summary>
internal static class NodeState
{
    public static string Of(Node node)
    {
        var ready = node.Status?.Conditions?.FirstOrDefault(condition => condition.Type == "Ready");
        var state = ready?.Status switch { "True" => "Ready", "False" => "NotReady", _ => "Unknown" };
        return node.Spec.Unschedulable == true ? $"{state}, cordoned" : state;
    }

    public static DateTimeOffset? Heartbeat(Node node) =>
        node.Status?.Conditions?.FirstOrDefault(condition => condition.Type == "Ready")?.LastHeartbeatTime;
}
