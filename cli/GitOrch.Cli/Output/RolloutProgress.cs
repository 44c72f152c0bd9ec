using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Cli.Output;

/// <summary>Where a Deployment's rollout stands, in the words <c>rollout status</c> prints.</summary>
public static class RolloutProgress
{
    public static (bool Done, bool Failed, string Message) Describe(Deployment deployment)
    {
        var name = deployment.Name;
        var status = deployment.Status;
        var desired = deployment.Spec.Replicas ?? 1;
        if (status is null || status.ObservedGeneration < deployment.Metadata.Generation)
            return (false, false, $"Waiting for deployment \"{name}\" spec update to be observed...");
        if (ReleaseProgress.Describe(deployment) is { } release)
            return release;
        if (status.Conditions?.FirstOrDefault(c => c.Type == DeploymentConditions.Progressing) is { Status: "False", Reason: DeploymentConditions.DeadlineExceeded })
            return (true, true, $"deployment \"{name}\" exceeded its progress deadline");
        if (status.UpdatedReplicas < desired)
            return (false, false, $"Waiting for deployment \"{name}\" rollout to finish: {status.UpdatedReplicas} out of {desired} new replicas have been updated...");
        if (status.Replicas > status.UpdatedReplicas)
            return (false, false, $"Waiting for deployment \"{name}\" rollout to finish: {status.Replicas - status.UpdatedReplicas} old replicas are pending termination...");
        if (status.AvailableReplicas < status.UpdatedReplicas)
            return (false, false, $"Waiting for deployment \"{name}\" rollout to finish: {status.AvailableReplicas} of {status.UpdatedReplicas} updated replicas are available...");
        return (true, false, $"deployment \"{name}\" successfully rolled out");
    }
}
