using GitOrch.Api.Model;

namespace GitOrch.Dashboard.Views;

/// <summary>The actions a logged-in user may take on an object: rollout steering on a Deployment, cordon and drain on a Node.</summary>
internal static class ObjectActions
{
    public static string For(ViewRequest request, KubeObject obj)
    {
        var target = (Name: "target", Value: $"{obj.Namespace}/{obj.Name}");
        return obj switch
        {
            Deployment deployment when IsProgressive(deployment) =>
                string.Concat(new[] { RolloutActions.Promote, RolloutActions.Abort, RolloutActions.Retry, "restart" }
                    .Select(action => request.Action($"/actions/rollout/{action}", $"{Capitalized(action)} {deployment.Name}", target))),
            Deployment deployment => request.Action("/actions/rollout/restart", $"Restart {deployment.Name}", target),
            Node node => request.Action("/actions/node/cordon", $"Cordon {node.Name}", ("node", node.Name))
                         + request.Action("/actions/node/uncordon", $"Uncordon {node.Name}", ("node", node.Name))
                         + request.Action("/actions/node/drain", $"Drain {node.Name}", ("node", node.Name)),
            _ => "",
        };
    }

    public static bool IsProgressive(Deployment deployment) =>
        deployment.Spec.Strategy?.Type is StrategyTypes.Canary or StrategyTypes.BlueGreen;

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
