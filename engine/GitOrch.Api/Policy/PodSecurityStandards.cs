using System.Text.Json.Nodes;
using GitOrch.Api.Model;

namespace GitOrch.Api.Policy;

/// <summary>How much a namespace's pods may reach into their node, from its <see cref="PodSecurityStandards.EnforceLabel"/> label.</summary>
public enum PodSecurityLevel
{
    Privileged,
    Baseline,
    Restricted,
}

/// <summary>
/// The Pod Security Standards: <c>baseline</c> keeps a pod from reaching into its node (host paths and
/// ports, privileged containers, capabilities beyond Docker's default set); <c>restricted</c> also wants
/// a non-root user, every capability dropped and no privilege escalation.
/// </summary>
public static class PodSecurityStandards
{
    public const string EnforceLabel = "pod-security.kubernetes.io/enforce";

    /// <summary>Docker's default capability set: what baseline lets a container add back.</summary>
    private static readonly HashSet<string> DefaultCapabilities = new(StringComparer.OrdinalIgnoreCase)
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    };

    /// <summary>The namespace's level; baseline when it has no label, and restricted for a value that is no level, so a typo fails closed.</summary>
    public static PodSecurityLevel LevelOf(Namespace? ns) =>
        ns?.Metadata.Labels?.GetValueOrDefault(EnforceLabel) switch
        {
            null => PodSecurityLevel.Baseline,
            "privileged" => PodSecurityLevel.Privileged,
            "baseline" => PodSecurityLevel.Baseline,
            _ => PodSecurityLevel.Restricted,
        };

    public static string Name(PodSecurityLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>The first field that breaks the level, as one line; null when the pod spec meets it.</summary>
    public static string? FirstViolation(PodSpec spec, PodSecurityLevel level) =>
        level == PodSecurityLevel.Privileged ? null
        : Violations(spec, level).FirstOrDefault() is { } field ? $"violates PodSecurity \"{Name(level)}\": {field}" : null;

    private static IEnumerable<string> Violations(PodSpec spec, PodSecurityLevel level)
    {
        if (spec.HostNetwork == true) yield return "spec.hostNetwork: true";
        foreach (var (volume, i) in (spec.Volumes ?? []).Select((volume, i) => (volume, i)))
            if (volume.HostPath is { } host)
                yield return $"spec.volumes[{i}].hostPath: {host.Path} (host paths are not allowed)";
        foreach (var (container, path) in Containers(spec))
        {
            foreach (var (port, j) in (container.Ports ?? []).Select((port, j) => (port, j)))
                if (port.HostPort is > 0)
                    yield return $"{path}.ports[{j}].hostPort: {port.HostPort} (host ports are not allowed)";
            var security = container.SecurityContext;
            if (security?.Privileged == true) yield return $"{path}.securityContext.privileged: true";
            foreach (var added in Capabilities(security, "add"))
                if (level == PodSecurityLevel.Restricted ? !added.Equals("NET_BIND_SERVICE", StringComparison.OrdinalIgnoreCase) : !DefaultCapabilities.Contains(added))
                    yield return $"{path}.securityContext.capabilities.add: {added}";
            if (level != PodSecurityLevel.Restricted) continue;
            if ((security?.RunAsNonRoot ?? spec.SecurityContext?.RunAsNonRoot) != true)
                yield return $"{path}.securityContext.runAsNonRoot must be true";
            if (!Capabilities(security, "drop").Contains("ALL", StringComparer.OrdinalIgnoreCase))
                yield return $"{path}.securityContext.capabilities.drop must include ALL";
            if (security?.AllowPrivilegeEscalation != false)
                yield return $"{path}.securityContext.allowPrivilegeEscalation must be false";
        }
    }

    private static IEnumerable<(Container Container, string Path)> Containers(PodSpec spec) =>
        (spec.InitContainers ?? []).Select((container, i) => (container, $"spec.initContainers[{i}]"))
            .Concat(spec.Containers.Select((container, i) => (container, $"spec.containers[{i}]")));

    private static IEnumerable<string> Capabilities(SecurityContext? security, string list) =>
        security?.Capabilities?[list] is JsonArray names ? names.Select(name => name?.GetValue<string>() ?? "") : [];
}
