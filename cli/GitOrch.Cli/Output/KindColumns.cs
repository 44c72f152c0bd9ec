using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli.Output;

public sealed record Column(string Header, Func<KubeObject, string> Value);

/// <summary>The table columns of each kind; wide adds the columns kubectl's -o wide adds.</summary>
public static class KindColumns
{
    public static IReadOnlyList<Column> For(KindInfo info, bool wide)
    {
        var columns = new List<Column> { new("NAME", obj => obj.Name) };
        if (info.Custom is { } custom) columns.AddRange(PrinterColumns.For(custom, wide));
        else columns.AddRange(info.Kind switch
        {
            "Pod" => Pods(wide),
            "Deployment" => [
                new("READY", obj => $"{((Deployment)obj).Status?.ReadyReplicas ?? 0}/{((Deployment)obj).Spec.Replicas ?? 1}"),
                new("UP-TO-DATE", obj => $"{((Deployment)obj).Status?.UpdatedReplicas ?? 0}"),
                new("AVAILABLE", obj => $"{((Deployment)obj).Status?.AvailableReplicas ?? 0}")],
            "ReplicaSet" => ReplicaCounts(obj => ((ReplicaSet)obj).Spec.Replicas, obj => ((ReplicaSet)obj).Status),
            "ReplicationController" => ReplicaCounts(obj => ((ReplicationController)obj).Spec.Replicas, obj => ((ReplicationController)obj).Status),
            "Service" => [
                new("TYPE", obj => ((Service)obj).Spec.Type ?? "ClusterIP"),
                new("CLUSTER-IP", obj => ServiceAddresses.ClusterIP((Service)obj) ?? "None"),
                new("PORT(S)", obj => string.Join(",", (((Service)obj).Spec.Ports ?? []).Select(p => $"{p.Port}/{p.Protocol ?? "TCP"}")))],
            "Endpoints" => [new("ENDPOINTS", obj => EndpointList((Endpoints)obj))],
            "Node" => Nodes(wide),
            "Namespace" => [new("STATUS", obj => ((Namespace)obj).Status?.Phase ?? "Active")],
            "ServiceAccount" => [new("SECRETS", obj => $"{((ServiceAccount)obj).Secrets?.Count ?? 0}")],
            "ConfigMap" => [new("DATA", obj => $"{((ConfigMap)obj).Data?.Count ?? 0}")],
            "Secret" => [new("TYPE", obj => ((Secret)obj).Type ?? "Opaque"), new("DATA", obj => $"{((Secret)obj).Data?.Count ?? 0}")],
            "StatefulSet" => [new("READY", obj => $"{((StatefulSet)obj).Status?.ReadyReplicas ?? 0}/{((StatefulSet)obj).Spec.Replicas ?? 1}")],
            "DaemonSet" => [
                new("DESIRED", obj => $"{((DaemonSet)obj).Status?.DesiredNumberScheduled ?? 0}"),
                new("CURRENT", obj => $"{((DaemonSet)obj).Status?.CurrentNumberScheduled ?? 0}"),
                new("READY", obj => $"{((DaemonSet)obj).Status?.NumberReady ?? 0}"),
                new("UP-TO-DATE", obj => $"{((DaemonSet)obj).Status?.UpdatedNumberScheduled ?? 0}")],
            "Job" => [
                new("COMPLETIONS", obj => $"{((Job)obj).Status?.Succeeded ?? 0}/{((Job)obj).Spec.Completions ?? 1}"),
                new("STATUS", obj => ((Job)obj).Status?.Conditions?.FirstOrDefault()?.Type ?? "Running")],
            "CronJob" => [
                new("SCHEDULE", obj => ((CronJob)obj).Spec.Schedule),
                new("SUSPEND", obj => ((CronJob)obj).Spec.Suspend == true ? "True" : "False"),
                new("ACTIVE", obj => $"{((CronJob)obj).Status?.Active?.Count ?? 0}"),
                new("LAST SCHEDULE", obj => Age.Format(((CronJob)obj).Status?.LastScheduleTime))],
            "PersistentVolumeClaim" => [
                new("STATUS", obj => ((PersistentVolumeClaim)obj).Status?.Phase ?? VolumePhases.Pending),
                new("VOLUME", obj => ((PersistentVolumeClaim)obj).Spec.VolumeName ?? ""),
                new("CAPACITY", obj => ((PersistentVolumeClaim)obj).Status?.Capacity?.GetValueOrDefault("storage") ?? ""),
                new("ACCESS MODES", obj => AccessModes(((PersistentVolumeClaim)obj).Status?.AccessModes)),
                new("STORAGECLASS", obj => ((PersistentVolumeClaim)obj).Spec.StorageClassName ?? "<unset>")],
            "PersistentVolume" => [
                new("CAPACITY", obj => ((PersistentVolume)obj).Spec.Capacity?.GetValueOrDefault("storage") ?? ""),
                new("ACCESS MODES", obj => AccessModes(((PersistentVolume)obj).Spec.AccessModes)),
                new("RECLAIM POLICY", obj => ((PersistentVolume)obj).Spec.PersistentVolumeReclaimPolicy ?? VolumePhases.Retain),
                new("STATUS", obj => ((PersistentVolume)obj).Status?.Phase ?? VolumePhases.Available),
                new("CLAIM", obj => ((PersistentVolume)obj).Spec.ClaimRef is { } claim ? $"{claim.Namespace}/{claim.Name}" : ""),
                new("STORAGECLASS", obj => ((PersistentVolume)obj).Spec.StorageClassName ?? "")],
            "HorizontalPodAutoscaler" => [
                new("REFERENCE", obj => $"{((HorizontalPodAutoscaler)obj).Spec.ScaleTargetRef.Kind}/{((HorizontalPodAutoscaler)obj).Spec.ScaleTargetRef.Name}"),
                new("TARGETS", obj => AutoscalerTargets((HorizontalPodAutoscaler)obj)),
                new("MINPODS", obj => $"{((HorizontalPodAutoscaler)obj).Spec.MinReplicas ?? 1}"),
                new("MAXPODS", obj => $"{((HorizontalPodAutoscaler)obj).Spec.MaxReplicas}"),
                new("REPLICAS", obj => $"{((HorizontalPodAutoscaler)obj).Status?.CurrentReplicas ?? 0}")],
            "StorageClass" => [
                new("PROVISIONER", obj => ((StorageClass)obj).Provisioner),
                new("RECLAIMPOLICY", obj => ((StorageClass)obj).ReclaimPolicy ?? VolumePhases.Delete),
                new("VOLUMEBINDINGMODE", obj => ((StorageClass)obj).VolumeBindingMode ?? VolumePhases.Immediate),
                new("ALLOWVOLUMEEXPANSION", obj => ((StorageClass)obj).AllowVolumeExpansion == true ? "true" : "false")],
            "ChartRelease" => [new("CHART", obj => ((ChartRelease)obj).Spec.Chart)],
            "ResourceQuota" => [new("USED/HARD", obj => QuotaUse((ResourceQuota)obj))],
            "Event" => [
                new("TYPE", obj => ((Event)obj).Type),
                new("REASON", obj => ((Event)obj).Reason),
                new("OBJECT", obj => $"{((Event)obj).InvolvedObject.Kind?.ToLowerInvariant()}/{((Event)obj).InvolvedObject.Name}"),
                new("MESSAGE", obj => ((Event)obj).Message)],
            _ => [],
        });
        if (columns.All(column => column.Header != "AGE")) columns.Add(new("AGE", obj => Age.Format(obj.Metadata.CreationTimestamp)));
        if (wide) columns.Add(new("SOURCE", Orphans.SourceOf));
        return columns;
    }

    /// <summary>Each metric as measured/target, as kubectl shows them: <c>cpu: 40%/80%, requests_per_second: 3/10</c>.</summary>
    private static string AutoscalerTargets(HorizontalPodAutoscaler hpa)
    {
        var measured = hpa.Status?.CurrentMetrics ?? [];
        return string.Join(", ", (hpa.Spec.Metrics ?? []).Select(metric =>
        {
            var (name, target) = metric switch
            {
                { Resource: { } resource } => (resource.Name, resource.Target),
                { Pods: { } pods } => (pods.Metric.Name, pods.Target),
                _ => (metric.Type, new MetricTarget()),
            };
            var now = measured.FirstOrDefault(status => status.Name == name);
            return target.Type == "Utilization"
                ? $"{name}: {(now?.AverageUtilization is { } used ? $"{used}%" : "<unknown>")}/{target.AverageUtilization}%"
                : $"{name}: {now?.AverageValue ?? "<unknown>"}/{target.AverageValue ?? target.Value}";
        }));
    }

    /// <summary>Each capped resource as used/hard: <c>pods: 2/2, requests.cpu: 800m/1</c>.</summary>
    private static string QuotaUse(ResourceQuota quota) =>
        string.Join(", ", (quota.Spec.Hard ?? []).Select(pair => $"{pair.Key}: {quota.Status?.Used?.GetValueOrDefault(pair.Key) ?? "0"}/{pair.Value}"));

    /// <summary>Access modes as kubectl abbreviates them: RWO, ROX, RWX, RWOP.</summary>
    private static string AccessModes(List<string>? modes) =>
        string.Join(",", (modes ?? []).Select(mode => mode switch
        {
            "ReadWriteOnce" => "RWO",
            "ReadOnlyMany" => "ROX",
            "ReadWriteMany" => "RWX",
            "ReadWriteOncePod" => "RWOP",
            _ => mode,
        }));

    private static Column[] ReplicaCounts(Func<KubeObject, int?> replicas, Func<KubeObject, ReplicaSetStatus?> status) =>
    [
        new("DESIRED", obj => $"{replicas(obj) ?? 1}"),
        new("CURRENT", obj => $"{status(obj)?.Replicas ?? 0}"),
        new("READY", obj => $"{status(obj)?.ReadyReplicas ?? 0}"),
    ];

    private static IEnumerable<Column> Pods(bool wide)
    {
        yield return new("READY", obj =>
        {
            var pod = (Pod)obj;
            return $"{pod.Status?.ContainerStatuses?.Count(c => c.Ready) ?? 0}/{pod.Spec.Containers.Count}";
        });
        yield return new("STATUS", obj => PodStatusText.For((Pod)obj));
        yield return new("RESTARTS", obj => $"{((Pod)obj).Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0}");
        if (!wide) yield break;
        yield return new("IP", obj => ((Pod)obj).Status?.PodIP ?? "<none>");
        yield return new("NODE", obj => ((Pod)obj).Spec.NodeName ?? "<none>");
    }

    private static IEnumerable<Column> Nodes(bool wide)
    {
        yield return new("STATUS", obj =>
        {
            var node = (Node)obj;
            var ready = NodeHeartbeats.Ready(node)?.Status == "True" ? "Ready" : "NotReady";
            return node.Spec.Unschedulable == true ? ready + ",SchedulingDisabled" : ready;
        });
        yield return new("VERSION", obj => ((Node)obj).Status?.NodeInfo?.KubeletVersion ?? "");
        if (!wide) yield break;
        yield return new("INTERNAL-IP", obj => ((Node)obj).Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address ?? "<none>");
        yield return new("RUNTIME", obj => ((Node)obj).Status?.NodeInfo?.ContainerRuntimeVersion ?? "");
    }

    private static string EndpointList(Endpoints endpoints)
    {
        var pairs = (endpoints.Subsets ?? []).SelectMany(subset =>
            (subset.Addresses ?? []).SelectMany(address => (subset.Ports ?? []).Select(port => $"{address.Ip}:{port.Port}"))).ToList();
        return pairs.Count == 0 ? "<none>" : string.Join(",", pairs);
    }
}
