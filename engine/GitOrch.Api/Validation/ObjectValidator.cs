using GitOrch.Api.Model;

namespace GitOrch.Api.Validation;

/// <summary>
/// Checks an object by Kubernetes' own rules before anything is stored: what the YAML shape alone
/// cannot say. Each kind's rules live in their own validator; this only picks it.
/// </summary>
public static class ObjectValidator
{
    /// <summary>The first problem found, or null when the object is valid.</summary>
    public static ValidationProblem? Validate(KubeObject obj)
    {
        var checks = new Checks();
        MetadataValidator.Validate(obj, Kinds.For(obj), checks);
        switch (obj)
        {
            case Deployment deployment: WorkloadValidator.Deployment(deployment.Spec, checks); break;
            case ReplicaSet replicaSet: WorkloadValidator.ReplicaSet(replicaSet.Spec, checks); break;
            case ReplicationController controller: WorkloadValidator.ReplicationController(controller.Spec, checks); break;
            case PodDisruptionBudget budget: DisruptionBudgetValidator.Validate(budget.Spec, checks); break;
            case StatefulSet statefulSet: WorkloadValidator.StatefulSet(statefulSet.Spec, checks); break;
            case DaemonSet daemonSet: WorkloadValidator.DaemonSet(daemonSet.Spec, checks); break;
            case Job job: JobValidator.Job(job.Spec, "spec", checks); break;
            case CronJob cronJob: JobValidator.CronJob(cronJob.Spec, checks); break;
            case Pod pod: PodSpecValidator.Validate(pod.Spec, "spec", checks); break;
            case Service service: ServiceValidator.Validate(service.Spec, checks); break;
            case Ingress ingress: IngressValidator.Validate(ingress.Spec, checks); break;
            case ConfigMap configMap: ConfigDataValidator.ConfigMap(configMap, checks); break;
            case Secret secret: ConfigDataValidator.Secret(secret, checks); break;
            case CustomResourceDefinition definition: CustomResourceDefinitionValidator.Validate(definition, checks); break;
            case HorizontalPodAutoscaler autoscaler: AutoscalerValidator.Validate(autoscaler.Spec, checks); break;
            case PersistentVolumeClaim claim: StorageValidator.Claim(claim.Spec, "spec", checks); break;
            case PersistentVolume volume: StorageValidator.Volume(volume.Spec, checks); break;
            case StorageClass storageClass: StorageValidator.Class(storageClass, checks); break;
            case ChartRelease release:
                ChartReleaseValidator.Validate(release.Spec, checks);
                break;
        }
        return checks.First;
    }
}
