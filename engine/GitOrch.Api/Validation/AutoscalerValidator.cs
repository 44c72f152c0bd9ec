using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>A HorizontalPodAutoscaler: a target GitOrch can scale, sane bounds, well-formed metrics and behavior.</summary>
internal static class AutoscalerValidator
{
    public static void Validate(HorizontalPodAutoscalerSpec spec, Checks checks)
    {
        checks.Require(spec.ScaleTargetRef.Name.Length > 0, "spec.scaleTargetRef.name", "is required");
        checks.OneOf("spec.scaleTargetRef.kind", spec.ScaleTargetRef.Kind, "Deployment", "StatefulSet", "ReplicaSet");
        checks.AtLeast("spec.maxReplicas", spec.MaxReplicas, 1);
        checks.AtLeast("spec.minReplicas", spec.MinReplicas, 1);
        if (spec.MinReplicas > spec.MaxReplicas) checks.Fail("spec.minReplicas", $"{spec.MinReplicas} must not be above spec.maxReplicas ({spec.MaxReplicas})");
        for (var i = 0; i < (spec.Metrics?.Count ?? 0); i++)
            Metric(spec.Metrics![i], Index("spec.metrics", i), checks);
        Rules(spec.Behavior?.ScaleUp, "spec.behavior.scaleUp", checks);
        Rules(spec.Behavior?.ScaleDown, "spec.behavior.scaleDown", checks);
    }

    private static void Metric(MetricSpec metric, string path, Checks checks)
    {
        checks.OneOf(Child(path, "type"), metric.Type, "Resource", "ContainerResource", "Pods", "Object", "External");
        var (source, target) = metric.Type switch
        {
            "Resource" => ("resource", metric.Resource?.Target),
            "ContainerResource" => ("containerResource", metric.ContainerResource?.Target),
            "Pods" => ("pods", metric.Pods?.Target),
            "Object" => ("object", metric.Object?.Target),
            "External" => ("external", metric.External?.Target),
            _ => ("", null),
        };
        if (source.Length == 0) return;
        var sourcePath = Child(path, source);
        if (target is null)
        {
            checks.Fail(sourcePath, $"is required for a metric of type {metric.Type}");
            return;
        }
        if ((metric.Resource ?? metric.ContainerResource) is { } resource)
            checks.OneOf(Child(sourcePath, "name"), resource.Name, "cpu", "memory");
        var targetPath = Child(sourcePath, "target");
        checks.OneOf(Child(targetPath, "type"), target.Type, "Utilization", "AverageValue", "Value");
        switch (target.Type)
        {
            case "Utilization":
                checks.Require(target.AverageUtilization is > 0, Child(targetPath, "averageUtilization"), "must be a percentage above 0");
                break;
            case "AverageValue":
                checks.Require(target.AverageValue is not null, Child(targetPath, "averageValue"), "is required");
                checks.Quantity(Child(targetPath, "averageValue"), target.AverageValue);
                break;
            case "Value":
                checks.Require(target.Value is not null, Child(targetPath, "value"), "is required");
                checks.Quantity(Child(targetPath, "value"), target.Value);
                break;
        }
    }

    private static void Rules(HpaScalingRules? rules, string path, Checks checks)
    {
        if (rules is null) return;
        checks.NotNegative(Child(path, "stabilizationWindowSeconds"), rules.StabilizationWindowSeconds);
        checks.Require(rules.StabilizationWindowSeconds is null or <= 3600, Child(path, "stabilizationWindowSeconds"), "must be at most 3600");
        checks.OneOf(Child(path, "selectPolicy"), rules.SelectPolicy, "Max", "Min", "Disabled");
        checks.Quantity(Child(path, "tolerance"), rules.Tolerance);
        for (var i = 0; i < (rules.Policies?.Count ?? 0); i++)
        {
            var policy = rules.Policies![i];
            var policyPath = Index(Child(path, "policies"), i);
            checks.OneOf(Child(policyPath, "type"), policy.Type, "Pods", "Percent");
            checks.AtLeast(Child(policyPath, "value"), policy.Value, 1);
            checks.Require(policy.PeriodSeconds is > 0 and <= 1800, Child(policyPath, "periodSeconds"), "must be between 1 and 1800");
        }
    }
}
