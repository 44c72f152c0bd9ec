using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;

namespace GitOrch.Engine.Controllers;

/// <summary>Keeps each ReplicationController's number of pods, as a ReplicaSet's; its selector is a plain label map.</summary>
public sealed class ReplicationControllerController(ControllerContext context) : PodCountController(context)
{
    protected override KindInfo Primary => Kinds.ReplicationController;

    protected override Wanted? Find(string ns, string name) =>
        CachedPrimary<ReplicationController>(ns, name) is { } controller
            ? new Wanted(controller, controller.Spec.Selector is { } labels ? new LabelSelector { MatchLabels = labels } : null,
                controller.Spec.Replicas ?? 1, controller.Spec.MinReadySeconds ?? 0, controller.Spec.Template, controller.Status)
            : null;
}
