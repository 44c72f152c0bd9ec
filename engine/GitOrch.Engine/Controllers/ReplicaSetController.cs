using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;

namespace GitOrch.Engine.Controllers;

/// <summary>Keeps each ReplicaSet's number of pods.</summary>
public sealed class ReplicaSetController(ControllerContext context) : PodCountController(context)
{
    protected override KindInfo Primary => Kinds.ReplicaSet;

    protected override Wanted? Find(string ns, string name) =>
        CachedPrimary<ReplicaSet>(ns, name) is { } set
            ? new Wanted(set, set.Spec.Selector, set.Spec.Replicas ?? 1, set.Spec.MinReadySeconds ?? 0, set.Spec.Template, set.Status)
            : null;
}
