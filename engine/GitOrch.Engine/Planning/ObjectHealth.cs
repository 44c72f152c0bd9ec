using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;

namespace GitOrch.Engine.Planning;

public enum HealthStatus { Healthy, Progressing, Degraded }

public sealed record Health(HealthStatus Status, string Message)
{
    public static readonly Health Healthy = new(HealthStatus.Healthy, "");

    public static Health Progressing(string message) => new(HealthStatus.Progressing, message);
}

/// <summary>
/// What healthy means for each kind, as a sync wave waits for it: a Deployment available and updated, a
/// StatefulSet, ReplicaSet or DaemonSet ready, a Job complete, a Pod running and ready (or succeeded), a
/// claim bound or waiting for its first consumer (a later wave may hold the pod that binds it).
/// Kinds without a status are healthy once stored.
/// </summary>
public static class ObjectHealth
{
    public static Health Of(KubeObject obj) => obj switch
    {
        Deployment deployment => OfDeployment(deployment),
        StatefulSet set => Replicas(set.Status?.ReadyReplicas ?? 0, set.Spec.Replicas ?? 1, "ready"),
        ReplicaSet set => Replicas(set.Status?.ReadyReplicas ?? 0, set.Spec.Replicas ?? 1, "ready"),
        DaemonSet set when set.Status is { } status => Replicas(status.NumberReady, status.DesiredNumberScheduled, "ready"),
        DaemonSet => Health.Progressing("no nodes counted yet"),
        Job job => OfJob(job),
        Pod pod => OfPod(pod),
        PersistentVolumeClaim claim => claim.Status switch
        {
            { Phase: VolumePhases.Bound } => Health.Healthy,
            { Phase: VolumePhases.Lost } => new Health(HealthStatus.Degraded, $"the claim lost its volume {claim.Spec.VolumeName}"),
            // Its volume is made where its first pod lands, so waiting for it would hold back that very pod.
            { Conditions: { } conditions } when conditions.Any(c => c.Type == VolumePhases.WaitingForFirstConsumer) => Health.Healthy,
            _ => Health.Progressing("the claim is not bound yet"),
        },
        _ => Health.Healthy,
    };

    private static Health OfDeployment(Deployment deployment)
    {
        var wanted = deployment.Spec.Replicas ?? 1;
        var status = deployment.Status;
        if (status?.Conditions?.FirstOrDefault(c => c.Type == DeploymentConditions.Progressing && c.Reason == DeploymentConditions.DeadlineExceeded) is { } stalled)
            return new Health(HealthStatus.Degraded, stalled.Message ?? "the rollout exceeded its progress deadline");
        if (status is null || status.ObservedGeneration != deployment.Metadata.Generation) return Health.Progressing("the new spec is not observed yet");
        if (status.UpdatedReplicas < wanted) return Health.Progressing($"{status.UpdatedReplicas} of {wanted} replicas updated");
        return Replicas(status.AvailableReplicas, wanted, "available");
    }

    private static Health OfJob(Job job)
    {
        var conditions = job.Status?.Conditions ?? [];
        if (conditions.FirstOrDefault(c => c.Type == JobConditions.Failed && c.Status == "True") is { } failed)
            return new Health(HealthStatus.Degraded, $"the job failed: {failed.Message ?? failed.Reason}");
        return conditions.Any(c => c.Type == JobConditions.Complete && c.Status == "True")
            ? Health.Healthy
            : Health.Progressing($"{job.Status?.Succeeded ?? 0} of {job.Spec.Completions ?? 1} completions");
    }

    private static Health OfPod(Pod pod) => pod.Status?.Phase switch
    {
        PodPhases.Succeeded => Health.Healthy,
        PodPhases.Failed => new Health(HealthStatus.Degraded, $"the pod failed: {pod.Status.Message ?? pod.Status.Reason}"),
        PodPhases.Running when PodConditions.IsReady(pod) => Health.Healthy,
        var phase => Health.Progressing($"the pod is {phase ?? "Pending"}"),
    };

    private static Health Replicas(int ready, int wanted, string state) =>
        ready >= wanted ? Health.Healthy : Health.Progressing($"{ready} of {wanted} replicas {state}");
}
