namespace GitOrch.Api.Model;

/// <summary>What GitOrch knows about one kind: its type, its store resource name and its scope.</summary>
/// <param name="ApplyOrder">Lower applies first: namespaces, then configuration, services, workloads.</param>
/// <param name="WrittenByCluster">Only the cluster writes these (agents, controllers); Git cannot declare them.</param>
/// <remarks>A kind whose type is <see cref="StoredObject"/> is stored only: kept and listed, but no controller acts on it.</remarks>
public sealed record KindInfo(string Kind, string ApiVersion, Type Type, string Resource, bool Namespaced, int ApplyOrder, bool WrittenByCluster = false)
{
    public bool IsStoredOnly => Type == typeof(StoredObject);

    /// <summary>For a kind a CustomResourceDefinition registered: that definition and its schemas.</summary>
    public CustomKind? Custom { get; init; }

    /// <summary>Every apiVersion a document of this kind may name; only custom kinds serve more than one.</summary>
    public IReadOnlyList<string> ServedApiVersions { get; init; } = [ApiVersion];
}

public static class Kinds
{
    public static readonly KindInfo Namespace = new("Namespace", "v1", typeof(Namespace), "namespaces", false, 0);
    public static readonly KindInfo Node = new("Node", "v1", typeof(Node), "nodes", false, 1, WrittenByCluster: true);
    public static readonly KindInfo Service = new("Service", "v1", typeof(Service), "services", true, 2);
    public static readonly KindInfo IngressClass = new("IngressClass", "networking.k8s.io/v1", typeof(IngressClass), "ingressclasses", false, 0);
    public static readonly KindInfo Ingress = new("Ingress", "networking.k8s.io/v1", typeof(Ingress), "ingresses", true, 4);
    public static readonly KindInfo Endpoints = new("Endpoints", "v1", typeof(Endpoints), "endpoints", true, 2, WrittenByCluster: true);
    public static readonly KindInfo Pod = new("Pod", "v1", typeof(Pod), "pods", true, 3);
    public static readonly KindInfo ReplicaSet = new("ReplicaSet", "apps/v1", typeof(ReplicaSet), "replicasets", true, 3);
    public static readonly KindInfo ReplicationController = new("ReplicationController", "v1", typeof(ReplicationController), "replicationcontrollers", true, 3);
    public static readonly KindInfo Deployment = new("Deployment", "apps/v1", typeof(Deployment), "deployments", true, 3);
    public static readonly KindInfo ConfigMap = new("ConfigMap", "v1", typeof(ConfigMap), "configmaps", true, 1);
    public static readonly KindInfo ChartRelease = new("ChartRelease", "gitorch.io/v1", typeof(ChartRelease), "chartreleases", true, 1);
    public static readonly KindInfo Secret = new("Secret", "v1", typeof(Secret), "secrets", true, 1);
    public static readonly KindInfo StatefulSet = new("StatefulSet", "apps/v1", typeof(StatefulSet), "statefulsets", true, 3);
    public static readonly KindInfo DaemonSet = new("DaemonSet", "apps/v1", typeof(DaemonSet), "daemonsets", true, 3);
    public static readonly KindInfo Job = new("Job", "batch/v1", typeof(Job), "jobs", true, 3);
    public static readonly KindInfo CronJob = new("CronJob", "batch/v1", typeof(CronJob), "cronjobs", true, 3);
    public static readonly KindInfo Event = new("Event", "v1", typeof(Event), "events", true, 4, WrittenByCluster: true);
    public static readonly KindInfo PodDisruptionBudget = new("PodDisruptionBudget", "policy/v1", typeof(PodDisruptionBudget), "poddisruptionbudgets", true, 4);
    public static readonly KindInfo ServiceAccount = new("ServiceAccount", "v1", typeof(ServiceAccount), "serviceaccounts", true, 1);
    public static readonly KindInfo CustomResourceDefinition = new("CustomResourceDefinition", "apiextensions.k8s.io/v1", typeof(CustomResourceDefinition), "customresourcedefinitions", false, 0);
    public static readonly KindInfo StorageClass = new("StorageClass", "storage.k8s.io/v1", typeof(StorageClass), "storageclasses", false, 0);
    public static readonly KindInfo PersistentVolume = new("PersistentVolume", "v1", typeof(PersistentVolume), "persistentvolumes", false, 1);
    public static readonly KindInfo HorizontalPodAutoscaler = new("HorizontalPodAutoscaler", "autoscaling/v2", typeof(HorizontalPodAutoscaler), "horizontalpodautoscalers", true, 4);
    public static readonly KindInfo PersistentVolumeClaim = new("PersistentVolumeClaim", "v1", typeof(PersistentVolumeClaim), "persistentvolumeclaims", true, 2);
    public static readonly KindInfo ResourceQuota = new("ResourceQuota", "v1", typeof(ResourceQuota), "resourcequotas", true, 1);
    public static readonly KindInfo LimitRange = new("LimitRange", "v1", typeof(LimitRange), "limitranges", true, 1);
    public static readonly KindInfo SealedSecret = new("SealedSecret", "gitorch.io/v1", typeof(SealedSecret), "sealedsecrets", true, 1);

    /// <summary>
    /// Kubernetes kinds real applications declare that GitOrch keeps but does not act on yet, in the
    /// standard apply order: definitions and classes, then identities and access, and network rules.
    /// </summary>
    public static readonly IReadOnlyList<KindInfo> StoredOnly =
    [
        Stored("PriorityClass", "scheduling.k8s.io/v1", "priorityclasses", false, 0),
        Stored("Role", "rbac.authorization.k8s.io/v1", "roles", true, 1),
        Stored("ClusterRole", "rbac.authorization.k8s.io/v1", "clusterroles", false, 1),
        Stored("RoleBinding", "rbac.authorization.k8s.io/v1", "rolebindings", true, 1),
        Stored("ClusterRoleBinding", "rbac.authorization.k8s.io/v1", "clusterrolebindings", false, 1),
        Stored("NetworkPolicy", "networking.k8s.io/v1", "networkpolicies", true, 2),
    ];

    private static readonly IReadOnlyList<KindInfo> BuiltIn =
        [Namespace, CustomResourceDefinition, Node, StorageClass, ServiceAccount, ConfigMap, Secret, PersistentVolume, PersistentVolumeClaim, ChartRelease, IngressClass, Service, Endpoints, Ingress, Pod, ReplicaSet, ReplicationController, Deployment, StatefulSet, DaemonSet, Job, CronJob, PodDisruptionBudget, HorizontalPodAutoscaler, ResourceQuota, LimitRange, SealedSecret, Event, .. StoredOnly];

    private static IReadOnlyList<KindInfo> _all = BuiltIn;
    private static readonly Lock RegisterGate = new();

    /// <summary>Every kind: the built-in ones, then those CustomResourceDefinitions registered in this process.</summary>
    public static IReadOnlyList<KindInfo> All => _all;

    /// <summary>
    /// Registers (or re-registers) the kind a CustomResourceDefinition defines, for this process: a
    /// load that meets the definition, or a store that holds it, calls this. A built-in kind is never replaced.
    /// </summary>
    public static KindInfo Register(CustomResourceDefinition definition)
    {
        var info = new CustomKind(definition).Info;
        lock (RegisterGate)
        {
            if (BuiltIn.Any(known => known.Kind == info.Kind || known.Resource == info.Resource)) return BuiltIn.First(known => known.Kind == info.Kind || known.Resource == info.Resource);
            _all = [.. _all.Where(known => known.Kind != info.Kind && known.Resource != info.Resource), info];
        }
        return info;
    }

    private static KindInfo Stored(string kind, string apiVersion, string resource, bool namespaced, int applyOrder) =>
        new(kind, apiVersion, typeof(StoredObject), resource, namespaced, applyOrder);

    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ns"] = "namespaces",
        ["no"] = "nodes",
        ["svc"] = "services",
        ["ep"] = "endpoints",
        ["po"] = "pods",
        ["rs"] = "replicasets",
        ["rc"] = "replicationcontrollers",
        ["deploy"] = "deployments",
        ["cm"] = "configmaps",
        ["cr"] = "chartreleases",
        ["ev"] = "events",
        ["sts"] = "statefulsets",
        ["ds"] = "daemonsets",
        ["cj"] = "cronjobs",
        ["crd"] = "customresourcedefinitions",
        ["crds"] = "customresourcedefinitions",
        ["pc"] = "priorityclasses",
        ["sc"] = "storageclasses",
        ["sa"] = "serviceaccounts",
        ["quota"] = "resourcequotas",
        ["limits"] = "limitranges",
        ["pv"] = "persistentvolumes",
        ["pvc"] = "persistentvolumeclaims",
        ["netpol"] = "networkpolicies",
        ["ing"] = "ingresses",
        ["pdb"] = "poddisruptionbudgets",
        ["hpa"] = "horizontalpodautoscalers",
    };

    public static KindInfo? FindByKind(string kind) => All.FirstOrDefault(info => info.Kind == kind);

    public static KindInfo For<T>() where T : KubeObject => All.First(info => info.Type == typeof(T));

    public static KindInfo For(KubeObject obj) =>
        obj is StoredObject ? FindByKind(obj.Kind) ?? throw new ArgumentException($"no stored kind \"{obj.Kind}\"")
        : All.First(info => info.Type == obj.GetType());

    /// <summary>Resolves what a user types after <c>get</c>: a plural, singular, kind or short name.</summary>
    public static KindInfo? Resolve(string text)
    {
        var resource = ShortNames.GetValueOrDefault(text, text);
        return All.FirstOrDefault(info =>
                   info.Resource.Equals(resource, StringComparison.OrdinalIgnoreCase)
                   || info.Kind.Equals(resource, StringComparison.OrdinalIgnoreCase))
               ?? All.FirstOrDefault(info => info.Custom?.Definition.Spec.Names is { } names
                   && (text.Equals(names.Singular, StringComparison.OrdinalIgnoreCase) || names.ShortNames?.Contains(text, StringComparer.OrdinalIgnoreCase) == true));
    }
}
