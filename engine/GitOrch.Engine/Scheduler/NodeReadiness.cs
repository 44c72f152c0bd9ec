using GitOrch.Api.Model;

namespace GitOrch.Engine.Scheduler;

public static class NodeReadiness
{
    /// <summary>A node whose agent has not heartbeaten for this long is not given new pods.</summary>
    public static readonly TimeSpan HeartbeatGrace = TimeSpan.FromSeconds(40);

    public static string? Problem(Node node, DateTimeOffset now)
    {
        if (node.Spec.Unschedulable == true) return "unschedulable";
        var ready = node.Status?.Conditions?.FirstOrDefault(condition => condition.Type == "Ready");
        if (ready?.Status != "True") return "not ready";
        if (ready.LastHeartbeatTime is { } heartbeat && now - heartbeat > HeartbeatGrace) return "not heartbeating";
        return null;
    }
}
