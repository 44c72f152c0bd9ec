namespace GitOrch.Api.Model;

/// <summary>Labels and annotations GitOrch itself reads and writes.</summary>
public static class WellKnown
{
    public const string SourceCommit = "gitorch.io/source-commit";
    public const string SourcePath = "gitorch.io/source-path";
    public const string ManagedBy = "gitorch.io/managed-by";
    public const string ManagedByGit = "git";

    /// <summary>The managed-by value of an object <c>apply -f</c> or <c>create</c> wrote, which no commit declares.</summary>
    public const string ManagedByApply = "apply";

    /// <summary>On an object a GitOrch component made that nothing owns (a namespace's default account, a StatefulSet's kept claim): who made it.</summary>
    public const string CreatedBy = "gitorch.io/created-by";
    public const string ChartRelease = "gitorch.io/chart-release";
    public const string PodUid = "gitorch.io/pod-uid";
    public const string NodeName = "gitorch.io/node";
    public const string PodTemplateHash = "pod-template-hash";

    /// <summary>On a Node, beside spec.podCIDR: the whole pod range, which its agent does not masquerade.</summary>
    public const string ClusterCidr = "gitorch.io/cluster-cidr";
    public const string DefaultNamespace = "default";

    /// <summary>On an object the sync wrote as a hook: its phase. Hooks are run, not managed: never pruned or compared.</summary>
    public const string Hook = "gitorch.io/hook";
    public const string SyncWave = "argocd.argoproj.io/sync-wave";
    public const string ArgoHook = "argocd.argoproj.io/hook";
    public const string ArgoHookDeletePolicy = "argocd.argoproj.io/hook-delete-policy";
    public const string HelmHook = "helm.sh/hook";
    public const string HelmHookWeight = "helm.sh/hook-weight";
    public const string HelmHookDeletePolicy = "helm.sh/hook-delete-policy";

    /// <summary>The ServiceAccount every namespace has; a pod that names no other gets it, and never waits for it.</summary>
    public const string DefaultServiceAccount = "default";

    /// <summary>On a ReplicaSet: which rollout of its Deployment it is, counting from 1.</summary>
    public const string Revision = "deployment.kubernetes.io/revision";
    /// <summary>On a StatefulSet's pods: the template revision the pod was made from.</summary>
    public const string ControllerRevisionHash = "controller-revision-hash";
    public const string StatefulSetPodName = "statefulset.kubernetes.io/pod-name";
    public const string JobName = "job-name";
    public const string ControllerUid = "controller-uid";
    public const string Hostname = "kubernetes.io/hostname";
    public const string Zone = "topology.kubernetes.io/zone";
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";
    public const string UnschedulableTaint = "node.kubernetes.io/unschedulable";

    /// <summary>Set by <c>gitorch rollout pause</c>: the Deployment's rollout stops where it is.</summary>
    public const string Paused = "gitorch.io/paused";
    /// <summary>Set by <c>gitorch rollout restart</c>: a new time makes a new pod template, so every pod is replaced.</summary>
    public const string RestartedAt = "gitorch.io/restarted-at";

    /// <summary>On a Service: the service proxy's split between pod-template hashes, as <c>HASH=PERCENT,…</c>. Set by canary rollouts.</summary>
    public const string TrafficWeights = "gitorch.io/traffic-weights";

    /// <summary>
    /// Set by <c>gitorch rollout promote|abort|retry</c> on a Canary or BlueGreen Deployment: one of
    /// <see cref="RolloutActions"/>, which the controller carries out and removes.
    /// </summary>
    public const string RolloutAction = "gitorch.io/rollout-action";

    /// <summary>
    /// Annotations the CLI sets on live objects as operations, not declarations: a sync keeps them, and
    /// neither a plan nor drift detection counts them as a difference from Git.
    /// </summary>
    /// <summary>On a claim: the node its first pod was scheduled to, where the provisioner makes its volume.</summary>
    public const string SelectedNode = "volume.kubernetes.io/selected-node";
    /// <summary>On a volume: the provisioner that made it, and so may delete it.</summary>
    public const string ProvisionedBy = "pv.kubernetes.io/provisioned-by";
    public const string DefaultStorageClass = "storageclass.kubernetes.io/is-default-class";
    public const string LocalPathProvisioner = "gitorch.io/local-path";
    /// <summary>The StorageClass every cluster has, and the default one unless Git marks another.</summary>
    public const string LocalPathStorageClass = "local-path";

    /// <summary>
    /// On a workload: the HorizontalPodAutoscaler (<c>HorizontalPodAutoscaler/NAME</c>) that owns its
    /// <c>spec.replicas</c>, which the sync then neither compares nor writes.
    /// </summary>
    public const string ReplicasOwner = "gitorch.io/replicas-owned-by";

    public static readonly IReadOnlyList<string> OperationalAnnotations = [Paused, RestartedAt, TrafficWeights, RolloutAction, SelectedNode, ReplicasOwner];
}
