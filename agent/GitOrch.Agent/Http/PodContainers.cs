using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Agent.Http;

/// <summary>Finds the runtime container behind "pod P, container C" (the first container when C is not given), current or previous attempt.</summary>
public sealed class PodContainers(ObjectClient client, IContainerRuntime runtime)
{
    public async Task<string> FindAsync(string ns, string podName, string? container, bool previous, CancellationToken cancellationToken)
    {
        var pod = await client.GetAsync<Pod>(ns, podName, cancellationToken) ?? throw new NotFound($"pod \"{podName}\" not found in namespace {ns}");
        var name = container ?? pod.Spec.Containers.FirstOrDefault()?.Name ?? "";
        if (pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).All(c => c.Name != name))
            throw new NotFound($"pod \"{podName}\" has no container \"{name}\" (it has {string.Join(", ", pod.Spec.Containers.Select(c => c.Name))})");
        var attempts = (await runtime.ListContainersAsync(pod.Metadata.Uid!, cancellationToken))
            .Where(c => c.Name == name).OrderByDescending(c => c.Attempt).ToList();
        var chosen = previous ? attempts.Skip(1).FirstOrDefault() : attempts.FirstOrDefault();
        return chosen?.Id ?? throw new NotFound(previous
            ? $"container \"{name}\" of pod \"{podName}\" has no previous run"
            : $"container \"{name}\" of pod \"{podName}\" has not started on this node");
    }

    public sealed class NotFound(string message) : Exception(message);
}
