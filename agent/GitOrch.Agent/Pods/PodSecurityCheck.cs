using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Api.Policy;
using GitOrch.Store;

namespace GitOrch.Agent.Pods;

/// <summary>
/// The node's own check before it starts a pod, in case one reached the store without the controllers'
/// admission (written straight into it, or declared as a bare Pod): the namespace's Pod Security level,
/// and, when the agent names any, host paths only under <c>--allow-host-path</c> prefixes.
/// </summary>
public sealed class PodSecurityCheck(ObjectClient client, IReadOnlyList<string> allowedHostPaths)
{
    public async Task CheckAsync(Pod pod, CancellationToken cancellationToken)
    {
        var ns = await client.GetAsync<Namespace>(null, pod.Namespace ?? WellKnown.DefaultNamespace, cancellationToken);
        if (PodSecurityStandards.FirstViolation(pod.Spec, PodSecurityStandards.LevelOf(ns)) is { } violation)
            throw new PodStartException($"refused by this node: {violation}", "Forbidden");
        if (allowedHostPaths.Count == 0) return;
        foreach (var volume in pod.Spec.Volumes ?? [])
            if (volume.HostPath is { } host && !allowedHostPaths.Any(prefix => IsUnder(host.Path, prefix)))
                throw new PodStartException($"refused by this node: volume {volume.Name}: hostPath {host.Path} is outside --allow-host-path {string.Join(", ", allowedHostPaths)}", "Forbidden");
    }

    private static bool IsUnder(string path, string prefix)
    {
        var full = Path.GetFullPath(path).TrimEnd('/') + "/";
        return full.StartsWith(Path.GetFullPath(prefix).TrimEnd('/') + "/", StringComparison.Ordinal);
    }
}
