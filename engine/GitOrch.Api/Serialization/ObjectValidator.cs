using System.Text.RegularExpressions;
using GitOrch.Api.Model;

namespace GitOrch.Api.Serialization;

/// <summary>Checks what the YAML shape alone cannot: names, scope and selectors.</summary>
public static partial class ObjectValidator
{
    public static string? Validate(KubeObject obj)
    {
        var info = Kinds.For(obj);
        var name = obj.Metadata.Name;
        if (string.IsNullOrEmpty(name))
            return $"{info.Kind} has no metadata.name";
        if (!DnsSubdomain().IsMatch(name) || name.Length > 253)
            return $"{info.Kind} \"{name}\": metadata.name must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
        if (!info.Namespaced && obj.Namespace is not null)
            return $"{info.Kind} \"{name}\" is cluster-scoped and cannot have metadata.namespace";
        if (obj.Namespace is { } ns && !DnsLabel().IsMatch(ns))
            return $"{info.Kind} \"{name}\": metadata.namespace \"{ns}\" is not a valid name";
        return obj switch
        {
            Deployment deployment => DeploymentStrategyValidator.Problem(deployment.Spec.Strategy) is { } problem
                ? $"Deployment \"{name}\": {problem}"
                : ValidateWorkload(info, name, deployment.Spec.Selector, deployment.Spec.Template),
            ReplicaSet replicaSet => ValidateWorkload(info, name, replicaSet.Spec.Selector, replicaSet.Spec.Template),
            StatefulSet statefulSet => ValidateWorkload(info, name, statefulSet.Spec.Selector, statefulSet.Spec.Template),
            DaemonSet daemonSet => ValidateWorkload(info, name, daemonSet.Spec.Selector, daemonSet.Spec.Template),
            Job job => ValidateJob(info, name, job.Spec),
            CronJob cronJob => CronSchedule.Problem(cronJob.Spec.Schedule, cronJob.Spec.TimeZone) is { } problem
                ? $"CronJob \"{name}\": {problem}"
                : ValidateJob(info, name, cronJob.Spec.JobTemplate.Spec),
            Pod pod => ValidatePodSpec(info, name, pod.Spec),
            ChartRelease release when string.IsNullOrWhiteSpace(release.Spec.Chart) => $"ChartRelease \"{name}\": spec.chart is required",
            _ => null,
        };
    }

    private static string? ValidateWorkload(KindInfo info, string name, LabelSelector? selector, PodTemplateSpec template)
    {
        if (selector is null || selector.IsEmpty)
            return $"{info.Kind} \"{name}\": spec.selector is required";
        foreach (var requirement in selector.ToRequirements())
            if (!SelectorOperator.All.Contains(requirement.Operator))
                return $"{info.Kind} \"{name}\": unknown selector operator \"{requirement.Operator}\"";
        if (!selector.Matches(template.Metadata.Labels ?? []))
            return $"{info.Kind} \"{name}\": spec.selector does not match spec.template.metadata.labels";
        return ValidatePodSpec(info, name, template.Spec);
    }

    /// <summary>A Job's selector is its own (set by the controller) unless manualSelector says otherwise.</summary>
    private static string? ValidateJob(KindInfo info, string name, JobSpec spec)
    {
        if (spec.Template.Spec.RestartPolicy is not ("OnFailure" or "Never"))
            return $"{info.Kind} \"{name}\": spec.template.spec.restartPolicy must be OnFailure or Never";
        return spec.ManualSelector == true
            ? ValidateWorkload(info, name, spec.Selector, spec.Template)
            : ValidatePodSpec(info, name, spec.Template.Spec);
    }

    private static string? ValidatePodSpec(KindInfo info, string name, PodSpec spec)
    {
        if (spec.Containers.Count == 0)
            return $"{info.Kind} \"{name}\": at least one container is required";
        foreach (var container in spec.Containers)
        {
            if (string.IsNullOrEmpty(container.Name))
                return $"{info.Kind} \"{name}\": every container needs a name";
            if (string.IsNullOrEmpty(container.Image))
                return $"{info.Kind} \"{name}\": container \"{container.Name}\" has no image";
            foreach (var (resource, amount) in (container.Resources?.Requests ?? []).Concat(container.Resources?.Limits ?? []))
                if (!ResourceQuantity.TryParse(amount, out _))
                    return $"{info.Kind} \"{name}\": container \"{container.Name}\" has an invalid {resource} quantity \"{amount}\"";
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
