using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Controllers;

/// <summary>The addresses of the nodes that serve load balancers and Ingresses: every ready node, at its InternalIP.</summary>
internal static class ServingNodes
{
    public static string? Address(Node? node) =>
        node is not null && NodeHeartbeats.Ready(node)?.Status == "True"
            ? node.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address
            : null;

    /// <summary>status.loadBalancer as Kubernetes writes it: <c>{"ingress": [{"ip": …}, …]}</c>, in address order.</summary>
    public static JsonObject Status(IEnumerable<Node> nodes) => new()
    {
        ["ingress"] = new JsonArray([.. nodes.Select(Address).OfType<string>().Order(StringComparer.Ordinal).Select(address => (JsonNode)new JsonObject { ["ip"] = address })]),
    };
}
