using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Scheduler;

/// <summary>Binds each unscheduled pod to a node with a compare-and-swap write of spec.nodeName.</summary>
public sealed class SchedulerController(ObjectClient client, ILogger<SchedulerController> logger, TimeProvider? clock = null)
    : Controller(client, logger)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    protected override KindInfo Primary => Kinds.Pod;
    protected override IReadOnlyList<KindInfo> Related => [Kinds.Node];

    protected override async Task ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var pod = await Client.GetAsync<Pod>(ns, name, cancellationToken);
        if (pod is null || pod.Spec.NodeName is not null) return;
        var nodes = await Client.ListAsync<Node>(cancellationToken: cancellationToken);
        var pods = await Client.ListAsync<Pod>(cancellationToken: cancellationToken);

        var placement = PodPlacement.Place(pod, nodes, pods, _clock.GetUtcNow());
        if (placement.NodeName is { } node)
        {
            await Client.UpdateAsync(pod with { Spec = pod.Spec with { NodeName = node } }, cancellationToken);
            Logger.LogInformation("Bound pod {Namespace}/{Pod} to {Node}", ns, name, node);
            return;
        }
        var unschedulable = new PodStatus
        {
            Phase = "Pending",
            Conditions = [new Condition { Type = PodConditions.Scheduled, Status = "False", Reason = "Unschedulable", Message = placement.Reason }],
        };
        if (pod.Status?.Conditions?.FirstOrDefault()?.Message != placement.Reason)
        {
            await Client.PutStatusAsync(pod, unschedulable, cancellationToken);
            Logger.LogWarning("Pod {Namespace}/{Pod} cannot be scheduled: {Reason}", ns, name, placement.Reason);
        }
    }
}
