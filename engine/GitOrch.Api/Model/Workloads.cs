namespace GitOrch.Api.Model;

public sealed record ReplicaSet : KubeObject
{
    public ReplicaSetSpec Spec { get; init; } = new();
    public ReplicaSetStatus? Status { get; init; }
}

public sealed record ReplicaSetSpec
{
    public int? Replicas { get; init; }
    public int? MinReadySeconds { get; init; }
    public LabelSelector? Selector { get; init; }
    public PodTemplateSpec Template { get; init; } = new();
}

public sealed record ReplicaSetStatus
{
    public int Replicas { get; init; }
    public int ReadyReplicas { get; init; }
    public int AvailableReplicas { get; init; }
    public long? ObservedGeneration { get; init; }
}

/// <summary>The v1 forerunner of the ReplicaSet, which older apps still declare: an equality-based selector, the same counting.</summary>
public sealed record ReplicationController : KubeObject
{
    public ReplicationControllerSpec Spec { get; init; } = new();
    public ReplicaSetStatus? Status { get; init; }
}

public sealed record ReplicationControllerSpec
{
    public int? Replicas { get; init; }
    public int? MinReadySeconds { get; init; }

    /// <summary>Labels a pod must all have; by default the template's labels.</summary>
    public Dictionary<string, string>? Selector { get; init; }

    public PodTemplateSpec Template { get; init; } = new();
}

public sealed record Deployment : KubeObject
{
    public DeploymentSpec Spec { get; init; } = new();
    public DeploymentStatus? Status { get; init; }
}

public sealed record DeploymentSpec
{
    public int? Replicas { get; init; }
    public LabelSelector? Selector { get; init; }
    public PodTemplateSpec Template { get; init; } = new();
    public DeploymentStrategy? Strategy { get; init; }
    public int? MinReadySeconds { get; init; }
    public int? RevisionHistoryLimit { get; init; }
    public int? ProgressDeadlineSeconds { get; init; }
    public bool? Paused { get; init; }
}

public sealed record DeploymentStrategy
{
    /// <summary>RollingUpdate (the default), Recreate, Canary or BlueGreen.</summary>
    public string? Type { get; init; }
    public RollingUpdateDeployment? RollingUpdate { get; init; }
    public CanaryStrategy? Canary { get; init; }
    public BlueGreenStrategy? BlueGreen { get; init; }
}

public sealed record RollingUpdateDeployment
{
    public IntOrString? MaxSurge { get; init; }
    public IntOrString? MaxUnavailable { get; init; }
}

public sealed record DeploymentStatus
{
    public int Replicas { get; init; }
    public int UpdatedReplicas { get; init; }
    public int ReadyReplicas { get; init; }
    public int AvailableReplicas { get; init; }
    public int UnavailableReplicas { get; init; }
    public long? ObservedGeneration { get; init; }
    public List<Condition>? Conditions { get; init; }

    /// <summary>Where a Canary or BlueGreen rollout stands; null for the other strategies.</summary>
    public ProgressiveRolloutStatus? Rollout { get; init; }
}
