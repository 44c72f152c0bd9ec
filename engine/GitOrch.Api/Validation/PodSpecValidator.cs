using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>A pod's spec, whether a Pod's own or a workload's template.</summary>
internal static class PodSpecValidator
{
    public static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];

    /// <param name="claimVolumes">Volumes that come from elsewhere: a StatefulSet's volumeClaimTemplates, which its pods mount by name.</param>
    public static void Validate(PodSpec spec, string path, Checks checks, IEnumerable<string>? claimVolumes = null)
    {
        checks.Require(spec.Containers.Count > 0, Child(path, "containers"), "at least one container is required");
        var volumes = new HashSet<string>(VolumeValidator.Validate(spec.Volumes, Child(path, "volumes"), checks), StringComparer.Ordinal);
        volumes.UnionWith(claimVolumes ?? []);
        var names = new HashSet<string>(StringComparer.Ordinal);
        Containers(spec.InitContainers, Child(path, "initContainers"), volumes, names, checks);
        Containers(spec.Containers, Child(path, "containers"), volumes, names, checks);
        for (var i = 0; i < (spec.InitContainers?.Count ?? 0); i++)
            checks.OneOf(Child(Index(Child(path, "initContainers"), i), "restartPolicy"), spec.InitContainers![i].RestartPolicy, "Always");
        for (var i = 0; i < spec.Containers.Count; i++)
            if (spec.Containers[i].RestartPolicy is not null)
                checks.Fail(Child(Index(Child(path, "containers"), i), "restartPolicy"), "is only for init containers (Always makes one a sidecar); the pod's restartPolicy applies to app containers");

        checks.OneOf(Child(path, "restartPolicy"), spec.RestartPolicy, RestartPolicies);
        checks.OneOf(Child(path, "dnsPolicy"), spec.DnsPolicy, "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");
        checks.NotNegative(Child(path, "terminationGracePeriodSeconds"), spec.TerminationGracePeriodSeconds);
        checks.AtLeast(Child(path, "activeDeadlineSeconds"), spec.ActiveDeadlineSeconds, 1);
        checks.Labels(Child(path, "nodeSelector"), spec.NodeSelector);
        checks.DnsLabel(Child(path, "hostname"), spec.Hostname);
        checks.DnsLabel(Child(path, "subdomain"), spec.Subdomain);
        checks.DnsSubdomain(Child(path, "serviceAccountName"), spec.ServiceAccountName);
        if (spec.HostNetwork == true)
            checks.Fail(Child(path, "hostNetwork"), "true is not supported: every pod runs in a network namespace of its own");
        for (var i = 0; i < (spec.ImagePullSecrets?.Count ?? 0); i++)
            checks.DnsSubdomain(Child(Index(Child(path, "imagePullSecrets"), i), "name"), spec.ImagePullSecrets![i].Name);
        for (var i = 0; i < (spec.Tolerations?.Count ?? 0); i++)
            Toleration(spec.Tolerations![i], Index(Child(path, "tolerations"), i), checks);
        for (var i = 0; i < (spec.TopologySpreadConstraints?.Count ?? 0); i++)
            TopologySpread(spec.TopologySpreadConstraints![i], Index(Child(path, "topologySpreadConstraints"), i), checks);
    }

    private static void TopologySpread(TopologySpreadConstraint constraint, string path, Checks checks)
    {
        checks.AtLeast(Child(path, "maxSkew"), constraint.MaxSkew, 1);
        checks.Require(constraint.TopologyKey.Length > 0, Child(path, "topologyKey"), "is required");
        if (constraint.TopologyKey.Length > 0) checks.QualifiedKey(Child(path, "topologyKey"), constraint.TopologyKey);
        checks.Require(constraint.WhenUnsatisfiable is not null, Child(path, "whenUnsatisfiable"), "is required: DoNotSchedule or ScheduleAnyway");
        checks.OneOf(Child(path, "whenUnsatisfiable"), constraint.WhenUnsatisfiable, "DoNotSchedule", "ScheduleAnyway");
        checks.AtLeast(Child(path, "minDomains"), constraint.MinDomains, 1);
        checks.OneOf(Child(path, "nodeAffinityPolicy"), constraint.NodeAffinityPolicy, "Honor", "Ignore");
        checks.OneOf(Child(path, "nodeTaintsPolicy"), constraint.NodeTaintsPolicy, "Honor", "Ignore");
    }

    /// <summary>Container names are unique across init and app containers, as they name the pod's processes and logs.</summary>
    private static void Containers(List<Container>? containers, string path, IReadOnlySet<string> volumes, HashSet<string> names, Checks checks)
    {
        for (var i = 0; i < (containers?.Count ?? 0); i++)
        {
            var containerPath = Index(path, i);
            var container = containers![i];
            if (container.Name.Length > 0 && !names.Add(container.Name))
                checks.Fail(Child(containerPath, "name"), $"\"{container.Name}\" is used twice; each container name must be unique in the pod");
            ContainerValidator.Validate(container, containerPath, volumes, checks);
        }
    }

    private static void Toleration(Toleration toleration, string path, Checks checks)
    {
        checks.OneOf(Child(path, "operator"), toleration.Operator, "Exists", "Equal");
        checks.OneOf(Child(path, "effect"), toleration.Effect is "" ? null : toleration.Effect, "NoSchedule", "PreferNoSchedule", "NoExecute");
        if (toleration.Key is { Length: > 0 } key) checks.QualifiedKey(Child(path, "key"), key);
        if (toleration.Operator == "Exists" && !string.IsNullOrEmpty(toleration.Value))
            checks.Fail(Child(path, "value"), "must be empty when the operator is Exists");
    }
}
