using GitOrch.Api.Model;
using GitOrch.Engine.Reconciling;
using static GitOrch.Api.Vocabulary.DeploymentConditions;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Controllers.Deployments;

/// <summary>
/// The Deployment's Progressing and Available conditions. A rollout that makes no progress for
/// progressDeadlineSeconds turns Progressing=False with reason ProgressDeadlineExceeded.
/// </summary>
public static class DeploymentProgress
{
    public sealed record Outcome(List<Condition> Conditions, ReconcileResult Next, bool JustExceeded);

    public static Outcome Evaluate(Deployment deployment, DeploymentStatus counts, bool complete, bool progressed, int maxUnavailable, DateTimeOffset now)
    {
        var desired = deployment.Spec.Replicas ?? 1;
        var previous = deployment.Status?.Conditions?.FirstOrDefault(c => c.Type == Progressing);
        var deadline = TimeSpan.FromSeconds(deployment.Spec.ProgressDeadlineSeconds ?? 600);
        var next = ReconcileResult.Done;
        Condition progressing;
        var exceededBefore = previous is { Status: "False", Reason: DeadlineExceeded };
        if (DeploymentRevisions.IsPaused(deployment))
            progressing = Update(Progressing, previous, "Unknown", "DeploymentPaused", "the rollout is paused", now, touch: false);
        else if (complete)
            progressing = Update(Progressing, previous, "True", Complete, "the rollout is complete", now, touch: previous?.Reason != Complete);
        else if (progressed || previous is null || previous.Reason == Complete || previous.Reason == "DeploymentPaused")
        {
            progressing = Update(Progressing, previous, "True", "ReplicaSetUpdated", "the rollout is progressing", now, touch: true);
            next = ReconcileResult.After(deadline);
        }
        else if (exceededBefore || previous.LastUpdateTime is { } since && now - since >= deadline)
            progressing = Update(Progressing, previous, "False", DeadlineExceeded, $"the rollout made no progress for {deadline.TotalSeconds:0}s", now, touch: false);
        else
        {
            progressing = previous;
            next = ReconcileResult.After((previous.LastUpdateTime ?? now) + deadline - now);
        }
        var enough = counts.AvailableReplicas >= desired - maxUnavailable;
        var available = Update(Available, deployment.Status?.Conditions?.FirstOrDefault(c => c.Type == Available), enough ? "True" : "False",
            enough ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            enough ? "the deployment has its minimum available replicas" : "the deployment does not have its minimum available replicas", now, touch: false);
        var justExceeded = !exceededBefore && progressing.Reason == DeadlineExceeded;
        return new Outcome([available, progressing], next, justExceeded);
    }

    /// <summary>Keeps the transition time unless the status changed; <paramref name="touch"/> records progress now.</summary>
    private static Condition Update(string type, Condition? previous, string status, string reason, string message, DateTimeOffset now, bool touch)
    {
        var changed = previous is null || previous.Status != status || previous.Reason != reason;
        return new Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastTransitionTime = changed ? now : previous!.LastTransitionTime,
            LastUpdateTime = touch || changed ? now : previous!.LastUpdateTime,
        };
    }
}
