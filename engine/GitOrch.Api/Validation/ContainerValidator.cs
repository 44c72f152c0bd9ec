using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>One container: its name, image, ports, environment, resources, mounts and probes.</summary>
internal static class ContainerValidator
{
    public static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];

    public static void Validate(Container container, string path, IReadOnlySet<string> volumes, Checks checks)
    {
        if (container.Name.Length == 0) checks.Fail(Child(path, "name"), "is required");
        checks.DnsLabel(Child(path, "name"), container.Name);
        checks.Require(!string.IsNullOrWhiteSpace(container.Image), Child(path, "image"), "is required");
        checks.OneOf(Child(path, "imagePullPolicy"), container.ImagePullPolicy, "Always", "IfNotPresent", "Never");
        checks.OneOf(Child(path, "terminationMessagePolicy"), container.TerminationMessagePolicy, "File", "FallbackToLogsOnError");
        Ports(container.Ports, Child(path, "ports"), checks);
        Environment(container, path, checks);
        Resources(container.Resources, Child(path, "resources"), checks);
        Mounts(container.VolumeMounts, Child(path, "volumeMounts"), volumes, checks);
        ProbeValidator.Validate(container.LivenessProbe, Child(path, "livenessProbe"), singleSuccess: true, checks);
        ProbeValidator.Validate(container.ReadinessProbe, Child(path, "readinessProbe"), singleSuccess: false, checks);
        ProbeValidator.Validate(container.StartupProbe, Child(path, "startupProbe"), singleSuccess: true, checks);
        ProbeValidator.Handler(container.Lifecycle?.PostStart, Child(Child(path, "lifecycle"), "postStart"), checks);
        ProbeValidator.Handler(container.Lifecycle?.PreStop, Child(Child(path, "lifecycle"), "preStop"), checks);
    }

    private static void Ports(List<ContainerPortSpec>? ports, string path, Checks checks)
    {
        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            var port = ports![i];
            var portPath = Index(path, i);
            checks.Port(Child(portPath, "containerPort"), port.ContainerPort);
            checks.Port(Child(portPath, "hostPort"), port.HostPort is 0 ? null : port.HostPort);
            checks.OneOf(Child(portPath, "protocol"), port.Protocol, Protocols);
            checks.PortName(Child(portPath, "name"), port.Name);
        }
        checks.Unique(path, ports, "name", port => port.Name);
    }

    private static void Environment(Container container, string path, Checks checks)
    {
        for (var i = 0; i < (container.Env?.Count ?? 0); i++)
        {
            var variable = container.Env![i];
            var variablePath = Index(Child(path, "env"), i);
            if (!KubeSyntax.IsEnvVarName(variable.Name))
                checks.Fail(Child(variablePath, "name"), $"\"{variable.Name}\" must be letters, digits, '_', '-' and '.', not starting with a digit");
            if (variable.ValueFrom is { } from)
            {
                var sources = (from.FieldRef is null ? 0 : 1) + (from.ConfigMapKeyRef is null ? 0 : 1) + (from.SecretKeyRef is null ? 0 : 1) + (from.ResourceFieldRef is null ? 0 : 1);
                checks.Require(sources == 1, Child(variablePath, "valueFrom"), "needs exactly one of fieldRef, configMapKeyRef, secretKeyRef, resourceFieldRef");
                checks.Require(variable.Value is null, Child(variablePath, "value"), "cannot be set together with valueFrom");
                KeyReference(from.ConfigMapKeyRef, Child(Child(variablePath, "valueFrom"), "configMapKeyRef"), checks);
                KeyReference(from.SecretKeyRef, Child(Child(variablePath, "valueFrom"), "secretKeyRef"), checks);
            }
        }
        for (var i = 0; i < (container.EnvFrom?.Count ?? 0); i++)
        {
            var source = container.EnvFrom![i];
            var sourcePath = Index(Child(path, "envFrom"), i);
            checks.Require((source.ConfigMapRef is null) != (source.SecretRef is null), sourcePath, "needs exactly one of configMapRef, secretRef");
            if (source.Prefix is { Length: > 0 } prefix && !KubeSyntax.IsEnvVarName(prefix))
                checks.Fail(Child(sourcePath, "prefix"), $"\"{prefix}\" must be letters, digits, '_', '-' and '.', not starting with a digit");
        }
    }

    private static void KeyReference(KeySelector? reference, string path, Checks checks)
    {
        if (reference is null) return;
        checks.DnsSubdomain(Child(path, "name"), reference.Name);
        if (!KubeSyntax.IsConfigKey(reference.Key))
            checks.Fail(Child(path, "key"), $"\"{reference.Key}\" must be letters, digits, '-', '_' and '.', and not '.' or '..'");
    }

    private static void Resources(ResourceRequirements? resources, string path, Checks checks)
    {
        foreach (var (section, amounts) in new[] { ("requests", resources?.Requests), ("limits", resources?.Limits) })
            foreach (var (resource, amount) in amounts ?? [])
            {
                var amountPath = Child(Child(path, section), resource);
                checks.Quantity(amountPath, amount);
                if (ResourceQuantity.TryParse(amount, out var quantity) && quantity.Value < 0)
                    checks.Fail(amountPath, $"\"{amount}\" must not be negative");
            }
        foreach (var (resource, request) in resources?.Requests ?? [])
            if (resources!.Limits?.GetValueOrDefault(resource) is { } limit
                && ResourceQuantity.TryParse(request, out var requested) && ResourceQuantity.TryParse(limit, out var limited) && requested.Value > limited.Value)
                checks.Fail(Child(Child(path, "requests"), resource), $"\"{request}\" must not exceed the limit \"{limit}\"");
    }

    private static void Mounts(List<VolumeMount>? mounts, string path, IReadOnlySet<string> volumes, Checks checks)
    {
        for (var i = 0; i < (mounts?.Count ?? 0); i++)
        {
            var mount = mounts![i];
            var mountPath = Index(path, i);
            if (!volumes.Contains(mount.Name))
                checks.Fail(Child(mountPath, "name"), $"\"{mount.Name}\" names no volume of the pod");
            if (!mount.MountPath.StartsWith('/') || mount.MountPath.Contains(':'))
                checks.Fail(Child(mountPath, "mountPath"), $"\"{mount.MountPath}\" must be an absolute path without ':'");
            if (mount.SubPath is { Length: > 0 } subPath && !KubeSyntax.IsContainedRelativePath(subPath))
                checks.Fail(Child(mountPath, "subPath"), $"\"{subPath}\" must be a relative path without a '..' element");
            checks.OneOf(Child(mountPath, "mountPropagation"), mount.MountPropagation, "None", "HostToContainer", "Bidirectional");
        }
        checks.Unique(path, mounts, "mountPath", mount => mount.MountPath);
    }
}
