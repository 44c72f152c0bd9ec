namespace GitOrch.Api.Model;

/// <summary>What GitOrch knows about one kind: its type, its store resource name and its scope.</summary>
/// <param name="ApplyOrder">Lower applies first: namespaces, then configuration, services, workloads.</param>
/// <param name="WrittenByCluster">Only the cluster writes these (agents, controllers); Git cannot declare them.</param>
public sealed record KindInfo(string Kind, string ApiVersion, Type Type, string Resource, bool Namespaced, int ApplyOrder, bool WrittenByCluster = false);

public static class Kinds
{
    public static readonly KindInfo Namespace = new("Namespace", "v1", typeof(Namespace), "namespaces", false, 0);
    public static readonly KindInfo Node = new("Node", "v1", typeof(Node), "nodes", false, 1, WrittenByCluster: true);
    public static readonly KindInfo Service = new("Service", "v1", typeof(Service), "services", true, 2);
    public static readonly KindInfo Endpoints = new("Endpoints", "v1", typeof(Endpoints), "endpoints", true, 2, WrittenByCluster: true);
    public static readonly KindInfo Pod = new("Pod", "v1", typeof(Pod), "pods", true, 3);
    public static readonly KindInfo ReplicaSet = new("ReplicaSet", "apps/v1", typeof(ReplicaSet), "replicasets", true, 3);
    public static readonly KindInfo Deployment = new("Deployment", "apps/v1", typeof(Deployment), "deployments", true, 3);
    public static readonly KindInfo ConfigMap = new("ConfigMap", "v1", typeof(ConfigMap), "configmaps", true, 1);
    public static readonly KindInfo ChartRelease = new("ChartRelease", "gitorch.io/v1", typeof(ChartRelease), "chartreleases", true, 1);
    public static readonly KindInfo Secret = new("Secret", "v1", typeof(Secret), "secrets", true, 1);
    public static readonly KindInfo StatefulSet = new("StatefulSet", "apps/v1", typeof(StatefulSet), "statefulsets", true, 3);
    public static readonly KindInfo DaemonSet = new("DaemonSet", "apps/v1", typeof(DaemonSet), "daemonsets", true, 3);
    public static readonly KindInfo Job = new("Job", "batch/v1", typeof(Job), "jobs", true, 3);
    public static readonly KindInfo CronJob = new("CronJob", "batch/v1", typeof(CronJob), "cronjobs", true, 3);
    public static readonly KindInfo Event = new("Event", "v1", typeof(Event), "events", true, 4, WrittenByCluster: true);

    public static readonly IReadOnlyList<KindInfo> All =
        [Namespace, Node, ConfigMap, Secret, ChartRelease, Service, Endpoints, Pod, ReplicaSet, Deployment, StatefulSet, DaemonSet, Job, CronJob, Event];

    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ns"] = "namespaces",
        ["no"] = "nodes",
        ["svc"] = "services",
        ["ep"] = "endpoints",
        ["po"] = "pods",
        ["rs"] = "replicasets",
        ["deploy"] = "deployments",
        ["cm"] = "configmaps",
        ["cr"] = "chartreleases",
        ["ev"] = "events",
        ["sts"] = "statefulsets",
        ["ds"] = "daemonsets",
        ["cj"] = "cronjobs",
    };

    public static KindInfo? FindByKind(string kind) => All.FirstOrDefault(info => info.Kind == kind);

    public static KindInfo For<T>() where T : KubeObject => All.First(info => info.Type == typeof(T));

    public static KindInfo For(KubeObject obj) => All.First(info => info.Type == obj.GetType());

    /// <summary>Resolves what a user types after <c>get</c>: a plural, singular, kind or short name.</summary>
    public static KindInfo? Resolve(string text)
    {
        var resource = ShortNames.GetValueOrDefault(text, text);
        return All.FirstOrDefault(info =>
            info.Resource.Equals(resource, StringComparison.OrdinalIgnoreCase)
            || info.Kind.Equals(resource, StringComparison.OrdinalIgnoreCase));
    }
}
