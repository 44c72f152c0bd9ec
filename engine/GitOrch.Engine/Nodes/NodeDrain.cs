using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Engine.Nodes;

/// <summary>
/// Cordon, uncordon and drain: keep new pods off a node, let them back, or empty it. A drain cordons
/// the node and evicts its pods one at a time, DaemonSet pods excepted; a pod whose eviction would
/// break a PodDisruptionBudget waits until the budget allows it (a replacement becomes ready
/// elsewhere), as <c>kubectl drain</c> waits.
/// </summary>
public sealed class NodeDrain(ObjectClient client, TimeProvider? clock = null)
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task SetUnschedulableAsync(string name, bool unschedulable, CancellationToken cancellationToken)
    {
        var node = await client.GetAsync<Node>(null, name, cancellationToken) ?? throw new NotFoundException($"node \"{name}\"");
        await client.UpdateAsync(node with { Spec = node.Spec with { Unschedulable = unschedulable ? true : null } }, node, cancellationToken);
    }

    /// <param name="force">Also evict pods that no controller will replace.</param>
    /// <param name="timeout">How long to wait for budgets to allow the evictions; zero waits as long as it takes.</param>
    /// <param name="report">Told each step: the cordon, each eviction, each pod that waits and why.</param>
    public async Task DrainAsync(string name, bool force, TimeSpan timeout, Func<string, Task> report, CancellationToken cancellationToken)
    {
        var pods = await PodsOnAsync(name, cancellationToken);
        var bare = pods.Where(pod => pod.ControllerReference() is null).ToList();
        if (bare.Count > 0 && !force)
            throw new ArgumentException($"node {name} runs pods no controller would replace ({string.Join(", ", bare.Select(pod => $"{pod.Namespace}/{pod.Name}"))}); use --force to delete them anyway");
        await SetUnschedulableAsync(name, true, cancellationToken);
        await report($"node/{name} cordoned");
        var deadline = timeout == TimeSpan.Zero ? DateTimeOffset.MaxValue : _clock.GetUtcNow() + timeout;
        foreach (var pod in pods.Where(pod => pod.ControllerReference()?.Kind != Kinds.DaemonSet.Kind))
            await EvictAsync(pod, deadline, report, cancellationToken);
    }

    private async Task EvictAsync(Pod pod, DateTimeOffset deadline, Func<string, Task> report, CancellationToken cancellationToken)
    {
        string? reported = null;
        while (true)
        {
            var current = await client.GetAsync<Pod>(pod.Namespace, pod.Name, cancellationToken);
            if (current is null || current.Metadata.Uid != pod.Metadata.Uid) return;
            var budgets = await client.ListAsync<PodDisruptionBudget>(pod.Namespace, cancellationToken: cancellationToken);
            var reason = budgets.Count == 0 ? null
                : DisruptionBudgets.WhyNotEvict(current, budgets, await client.ListAsync<Pod>(pod.Namespace, cancellationToken: cancellationToken));
            if (reason is null)
            {
                await client.DeleteAsync(current, cancellationToken);
                await report($"evicting pod {pod.Namespace}/{pod.Name}");
                return;
            }
            if (_clock.GetUtcNow() >= deadline)
                throw new TimeoutException($"cannot evict pod {pod.Namespace}/{pod.Name}: {reason}; the drain's --timeout ran out");
            if (reason != reported) await report($"waiting to evict pod {pod.Namespace}/{pod.Name}: {reason}");
            reported = reason;
            await Task.Delay(RetryInterval, _clock, cancellationToken);
        }
    }

    private async Task<List<Pod>> PodsOnAsync(string name, CancellationToken cancellationToken) =>
        (await client.ListAsync<Pod>(cancellationToken: cancellationToken)).Where(pod => pod.Spec.NodeName == name).ToList();
}
