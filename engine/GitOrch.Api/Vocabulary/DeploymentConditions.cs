using GitOrch.Api.Model;

namespace GitOrch.Api.Vocabulary;

/// <summary>The condition types a Deployment's status carries, and the reasons GitOrch gives them.</summary>
public static class DeploymentConditions
{
    public const string Progressing = "Progressing";
    public const string Available = "Available";

    /// <summary>Progressing=False: no progress for progressDeadlineSeconds.</summary>
    public const string DeadlineExceeded = "ProgressDeadlineExceeded";

    /// <summary>Progressing=True: the newest ReplicaSet is available, so the rollout is complete.</summary>
    public const string Complete = "NewReplicaSetAvailable";
}
