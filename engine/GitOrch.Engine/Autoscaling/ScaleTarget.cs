using GitOrch.Api.Model;

namespace GitOrch.Engine.Autoscaling;

/// <summary>The workloads an autoscaler can scale, seen through what it needs: replicas and the pod selector.</summary>
public static class ScaleTarget
{
    public static KindInfo? KindOf(CrossVersionObjectReference reference) => reference.Kind switch
    {
        "Deployment" => Kinds.Deployment,
        "StatefulSet" => Kinds.StatefulSet,
        "ReplicaSet" => Kinds.ReplicaSet,
        _ => null,
    };

    public static bool IsScalable(KubeObject workload) => workload is Deployment or StatefulSet or ReplicaSet;

    public static int Replicas(KubeObject workload) => workload switch
    {
        Deployment deployment => deployment.Spec.Replicas ?? 1,
        StatefulSet set => set.Spec.Replicas ?? 1,
        ReplicaSet set => set.Spec.Replicas ?? 1,
        _ => throw new ArgumentException($"{workload.Kind} cannot be scaled"),
    };

    public static LabelSelector? Selector(KubeObject workload) => workload switch
    {
        Deployment deployment => deployment.Spec.Selector,
        StatefulSet set => set.Spec.Selector,
        ReplicaSet set => set.Spec.Selector,
        _ => null,
    };

    public static KubeObject WithReplicas(KubeObject workload, int replicas) => workload switch
    {
        Deployment deployment => deployment with { Spec = deployment.Spec with { Replicas = replicas } },
        StatefulSet set => set with { Spec = set.Spec with { Replicas = replicas } },
        ReplicaSet set => set with { Spec = set.Spec with { Replicas = replicas } },
        _ => throw new ArgumentException($"{workload.Kind} cannot be scaled"),
    };
}
