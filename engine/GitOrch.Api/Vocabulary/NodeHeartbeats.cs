using GitOrch.Api.Model;

namespace GitOrch.Api.Vocabulary;

/// <summary>
/// How often an agent reports that its node is alive, and when a report is too old to schedule on:
/// a node that missed two heartbeats may be gone, so no new pod is bound to it, well before the node
/// lifecycle controller's grace period marks it unreachable and evicts its pods.
/// </summary>
public static class NodeHeartbeats
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan StaleAfter = 2 * Interval + TimeSpan.FromSeconds(5);

    public const string ReadyCondition = "Ready";

    public static Condition? Ready(Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == ReadyCondition);

    public static bool IsStale(Node node, DateTimeOffset now) =>
        Ready(node)?.LastHeartbeatTime is not { } last || now - last > StaleAfter;
}
