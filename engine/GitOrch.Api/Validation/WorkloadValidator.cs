using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>Deployments, ReplicaSets, ReplicationControllers, StatefulSets and DaemonSets: counts, strategies, and a selector that matches the pod template.</summary>
internal static class WorkloadValidator
{
    public static void Deployment(DeploymentSpec spec, Checks checks)
    {
        checks.NotNegative("spec.replicas", spec.Replicas);
        checks.NotNegative("spec.minReadySeconds", spec.MinReadySeconds);
        checks.NotNegative("spec.revisionHistoryLimit", spec.RevisionHistoryLimit);
        checks.AtLeast("spec.progressDeadlineSeconds", spec.ProgressDeadlineSeconds, 1);
        if (spec.ProgressDeadlineSeconds <= spec.MinReadySeconds)
            checks.Fail("spec.progressDeadlineSeconds", $"{spec.ProgressDeadlineSeconds} must be greater than spec.minReadySeconds ({spec.MinReadySeconds})");
        DeploymentStrategyValidator.Validate(spec.Strategy, "spec.strategy", checks);
        RestartsAlways(spec.Template, checks);
        SelectedTemplate(spec.Selector, spec.Template, "spec", checks);
    }

    public static void ReplicaSet(ReplicaSetSpec spec, Checks checks)
    {
        checks.NotNegative("spec.replicas", spec.Replicas);
        checks.NotNegative("spec.minReadySeconds", spec.MinReadySeconds);
        RestartsAlways(spec.Template, checks);
        SelectedTemplate(spec.Selector, spec.Template, "spec", checks);
    }

    /// <summary>Its selector is a plain label map, and may be left out to mean the template's labels.</summary>
    public static void ReplicationController(ReplicationControllerSpec spec, Checks checks)
    {
        checks.NotNegative("spec.replicas", spec.Replicas);
        checks.NotNegative("spec.minReadySeconds", spec.MinReadySeconds);
        RestartsAlways(spec.Template, checks);
        var selector = spec.Selector ?? spec.Template.Metadata.Labels;
        SelectedTemplate(selector is { Count: > 0 } ? new LabelSelector { MatchLabels = selector } : null, spec.Template, "spec", checks);
    }

    public static void StatefulSet(StatefulSetSpec spec, Checks checks)
    {
        checks.NotNegative("spec.replicas", spec.Replicas);
        checks.NotNegative("spec.minReadySeconds", spec.MinReadySeconds);
        checks.NotNegative("spec.revisionHistoryLimit", spec.RevisionHistoryLimit);
        checks.DnsLabel("spec.serviceName", spec.ServiceName is "" ? null : spec.ServiceName);
        checks.OneOf("spec.podManagementPolicy", spec.PodManagementPolicy, "OrderedReady", "Parallel");
        checks.OneOf("spec.updateStrategy.type", spec.UpdateStrategy?.Type, "RollingUpdate", "OnDelete");
        checks.NotNegative("spec.updateStrategy.rollingUpdate.partition", spec.UpdateStrategy?.RollingUpdate?.Partition);
        DeploymentStrategyValidator.CountOrPercent("spec.updateStrategy.rollingUpdate.maxUnavailable", spec.UpdateStrategy?.RollingUpdate?.MaxUnavailable, checks);
        for (var i = 0; i < (spec.VolumeClaimTemplates?.Count ?? 0); i++)
        {
            var claim = Index("spec.volumeClaimTemplates", i);
            var name = spec.VolumeClaimTemplates![i].Metadata.Name;
            var namePath = Child(Child(claim, "metadata"), "name");
            checks.Require(name.Length > 0, namePath, "is required");
            checks.DnsLabel(namePath, name);
            StorageValidator.Claim(spec.VolumeClaimTemplates[i].Spec, Child(claim, "spec"), checks);
        }
        checks.OneOf("spec.persistentVolumeClaimRetentionPolicy.whenDeleted", spec.PersistentVolumeClaimRetentionPolicy?.WhenDeleted, "Retain", "Delete");
        checks.OneOf("spec.persistentVolumeClaimRetentionPolicy.whenScaled", spec.PersistentVolumeClaimRetentionPolicy?.WhenScaled, "Retain", "Delete");
        RestartsAlways(spec.Template, checks);
        SelectedTemplate(spec.Selector, spec.Template, "spec", checks, spec.VolumeClaimTemplates?.Select(claim => claim.Metadata.Name));
    }

    public static void DaemonSet(DaemonSetSpec spec, Checks checks)
    {
        checks.NotNegative("spec.minReadySeconds", spec.MinReadySeconds);
        checks.NotNegative("spec.revisionHistoryLimit", spec.RevisionHistoryLimit);
        checks.OneOf("spec.updateStrategy.type", spec.UpdateStrategy?.Type, "RollingUpdate", "OnDelete");
        DeploymentStrategyValidator.CountOrPercent("spec.updateStrategy.rollingUpdate.maxUnavailable", spec.UpdateStrategy?.RollingUpdate?.MaxUnavailable, checks);
        DeploymentStrategyValidator.CountOrPercent("spec.updateStrategy.rollingUpdate.maxSurge", spec.UpdateStrategy?.RollingUpdate?.MaxSurge, checks);
        RestartsAlways(spec.Template, checks);
        SelectedTemplate(spec.Selector, spec.Template, "spec", checks);
    }

    /// <summary>A required selector, valid in itself, that selects the template's pods; then the template.</summary>
    public static void SelectedTemplate(LabelSelector? selector, PodTemplateSpec template, string path, Checks checks, IEnumerable<string>? claimVolumes = null)
    {
        var selectorPath = Child(path, "selector");
        if (selector is null || selector.IsEmpty)
        {
            checks.Fail(selectorPath, "is required");
            return;
        }
        Selector(selector, selectorPath, checks);
        if (checks.First is null && !selector.Matches(template.Metadata.Labels ?? []))
            checks.Fail(selectorPath, "does not match spec.template.metadata.labels");
        Template(template, Child(path, "template"), checks, claimVolumes);
    }

    /// <summary>Pods that a controller keeps running restart always; only a Job's pods may finish.</summary>
    private static void RestartsAlways(PodTemplateSpec template, Checks checks)
    {
        if (template.Spec.RestartPolicy is { } policy and not "Always")
            checks.Fail("spec.template.spec.restartPolicy", $"\"{policy}\" must be Always for this kind; only a Job's pods may finish");
    }

    public static void Template(PodTemplateSpec template, string path, Checks checks, IEnumerable<string>? claimVolumes = null)
    {
        MetadataValidator.Template(template.Metadata, Child(path, "metadata"), checks);
        PodSpecValidator.Validate(template.Spec, Child(path, "spec"), checks, claimVolumes);
    }

    public static void Selector(LabelSelector selector, string path, Checks checks)
    {
        checks.Labels(Child(path, "matchLabels"), selector.MatchLabels);
        for (var i = 0; i < (selector.MatchExpressions?.Count ?? 0); i++)
        {
            var expression = selector.MatchExpressions![i];
            var expressionPath = Index(Child(path, "matchExpressions"), i);
            checks.QualifiedKey(Child(expressionPath, "key"), expression.Key);
            checks.OneOf(Child(expressionPath, "operator"), expression.Operator, [.. SelectorOperator.All]);
            var hasValues = expression.Values is { Count: > 0 };
            if (expression.Operator is SelectorOperator.In or SelectorOperator.NotIn && !hasValues)
                checks.Fail(Child(expressionPath, "values"), $"must not be empty for operator {expression.Operator}");
            if (expression.Operator is SelectorOperator.Exists or SelectorOperator.DoesNotExist && hasValues)
                checks.Fail(Child(expressionPath, "values"), $"must be empty for operator {expression.Operator}");
        }
    }
}
