using System.Text;
using GitOrch.Api.Model;
using GitOrch.Engine.Scheduler;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>Each node: what it offers against what its pods request, its conditions and taints, its pods, and for a logged-in user cordon, uncordon and drain.</summary>
internal static class NodesView
{
    public static async Task<Page> RenderAsync(ViewRequest request)
    {
        var nodes = await request.Settings.Client.ListAsync<Node>(cancellationToken: request.CancellationToken);
        var pods = await request.Settings.Client.ListAsync<Pod>(cancellationToken: request.CancellationToken);
        var html = new StringBuilder(Heading("Nodes"));
        if (nodes.Count == 0) html.Append("<p class=\"empty\">No node has joined.</p>");
        foreach (var node in nodes.OrderBy(node => node.Name, StringComparer.Ordinal))
        {
            var onNode = pods.Where(pod => pod.Spec.NodeName == node.Name).Where(request.Filters.Matches).ToList();
            var allocatable = PodResources.Allocatable(node);
            var requested = onNode.Aggregate(ResourceAmounts.Zero, (sum, pod) => sum + PodResources.Requests(pod));
            var capacity = Table("Capacity", ["Resource", "Requested", "Allocatable"],
            [
                ["CPU", $"{requested.MilliCpu:0}m", $"{allocatable.MilliCpu:0}m"],
                ["Memory", Mebibytes(requested.MemoryBytes), Mebibytes(allocatable.MemoryBytes)],
                ["Pods", $"{requested.Pods}", $"{allocatable.Pods}"],
            ]);
            var conditions = Table("Conditions", ["Type", "Status", "Reason", "Heartbeat"], (node.Status?.Conditions ?? []).Select(condition => (IReadOnlyList<string>)
                [E(condition.Type), E(condition.Status), E(condition.Reason), Age(condition.LastHeartbeatTime)]), "none reported");
            var taints = Table("Taints", ["Key", "Value", "Effect"], (node.Spec.Taints ?? []).Select(taint => (IReadOnlyList<string>)
                [E(taint.Key), E(taint.Value), E(taint.Effect)]), "none");
            var podTable = Table("Pods", ["Pod", "Namespace", "Status"], onNode.Select(pod => (IReadOnlyList<string>)
                [ObjectLinks.Link(pod), E(pod.Namespace), ObjectLinks.Health(pod)]), "none");
            html.Append($"<section id=\"{E(node.Name)}\" aria-label=\"node {E(node.Name)}\"><h2>{E(node.Name)} {Badge(NodeState.Of(node))}</h2>")
                .Append(ObjectActions.For(request, node)).Append(capacity).Append(conditions).Append(taints).Append(podTable).Append("</section>");
        }
        return new Page("Nodes", ["nodes", "pods"], request.Filters.Form("/nodes", pods.Select(pod => pod.Namespace).OfType<string>()) + html);
    }

    private static string Mebibytes(decimal bytes) => $"{bytes / (1024 * 1024):0}Mi";
}
