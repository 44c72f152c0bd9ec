using System.Globalization;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Pods;

/// <summary>
/// A container's environment, in Kubernetes' order: service variables first, then envFrom, then env,
/// each later one winning; <c>$(NAME)</c> in a value expands to a variable defined before it.
/// </summary>
public static class ContainerEnvironment
{
    public static IReadOnlyList<KeyValuePair<string, string>> Resolve(Pod pod, Container container, PodInputs inputs, string podIP, string hostIP)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in inputs.Services)
            AddServiceVariables(values, service);
        foreach (var source in container.EnvFrom ?? [])
        {
            var data = source.ConfigMapRef is { } configMap ? inputs.ConfigMap(configMap.Name, configMap.Optional == true)
                : source.SecretRef is { } secret ? inputs.Secret(secret.Name, secret.Optional == true)
                : null;
            foreach (var (key, value) in data ?? new Dictionary<string, string>())
                values[(source.Prefix ?? "") + key] = value;
        }
        foreach (var variable in container.Env ?? [])
        {
            var value = variable.ValueFrom is null ? Expand(variable.Value ?? "", values) : FromSource(pod, variable, inputs, podIP, hostIP);
            if (value is not null) values[variable.Name] = value;
        }
        values.TryAdd("HOSTNAME", pod.Spec.Hostname ?? pod.Name);
        return values.ToList();
    }

    /// <summary><c>NAME_SERVICE_HOST</c> and <c>NAME_SERVICE_PORT</c>, with the name upper-cased and dashes as underscores.</summary>
    private static void AddServiceVariables(Dictionary<string, string> values, Service service)
    {
        if (service.Spec.Ports is not { Count: > 0 } ports || ServiceAddresses.ClusterIP(service) is not { } address) return;
        var prefix = service.Name.ToUpperInvariant().Replace('-', '_');
        values[$"{prefix}_SERVICE_HOST"] = address;
        values[$"{prefix}_SERVICE_PORT"] = ports[0].Port.ToString(CultureInfo.InvariantCulture);
        foreach (var port in ports.Where(port => port.Name is { Length: > 0 }))
            values[$"{prefix}_SERVICE_PORT_{port.Name!.ToUpperInvariant().Replace('-', '_')}"] = port.Port.ToString(CultureInfo.InvariantCulture);
    }

    private static string? FromSource(Pod pod, EnvVar variable, PodInputs inputs, string podIP, string hostIP)
    {
        var source = variable.ValueFrom!;
        if (source.ConfigMapKeyRef is { } configMapKey)
            return Key(inputs.ConfigMap(configMapKey.Name, configMapKey.Optional == true), configMapKey, "configmap");
        if (source.SecretKeyRef is { } secretKey)
            return Key(inputs.Secret(secretKey.Name, secretKey.Optional == true), secretKey, "secret");
        var fieldPath = source.FieldRef?.FieldPath
            ?? throw new PodStartException($"env {variable.Name}: valueFrom needs fieldRef, configMapKeyRef or secretKeyRef", "CreateContainerConfigError");
        return fieldPath switch
        {
            "metadata.name" => pod.Name,
            "metadata.namespace" => pod.Namespace ?? WellKnown.DefaultNamespace,
            "metadata.uid" => pod.Metadata.Uid ?? "",
            "spec.nodeName" => pod.Spec.NodeName ?? "",
            "spec.serviceAccountName" => pod.Spec.ServiceAccountName ?? "",
            "status.podIP" => podIP,
            "status.hostIP" => hostIP,
            _ when fieldPath.StartsWith("metadata.labels['", StringComparison.Ordinal) => Lookup(pod.Metadata.Labels, fieldPath),
            _ when fieldPath.StartsWith("metadata.annotations['", StringComparison.Ordinal) => Lookup(pod.Metadata.Annotations, fieldPath),
            _ => throw new PodStartException($"env {variable.Name}: unsupported fieldPath \"{fieldPath}\"", "CreateContainerConfigError"),
        };
    }

    private static string? Key(IReadOnlyDictionary<string, string>? data, KeySelector selector, string kind) =>
        data is null ? null
        : data.TryGetValue(selector.Key, out var value) ? value
        : selector.Optional == true ? null
        : throw new PodStartException($"{kind} \"{selector.Name}\" has no key \"{selector.Key}\"", "CreateContainerConfigError");

    private static string Lookup(Dictionary<string, string>? values, string fieldPath)
    {
        var key = fieldPath[(fieldPath.IndexOf('\'') + 1)..fieldPath.LastIndexOf('\'')];
        return values?.GetValueOrDefault(key) ?? "";
    }

    /// <summary>Replaces <c>$(NAME)</c> with an earlier variable's value; <c>$$</c> escapes, unknown names stay as written.</summary>
    private static string Expand(string value, IReadOnlyDictionary<string, string> defined)
    {
        if (!value.Contains('$')) return value;
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '$') { result.Append('$'); i++; continue; }
            var end = value[i] == '$' && i + 1 < value.Length && value[i + 1] == '(' ? value.IndexOf(')', i) : -1;
            if (end > 0 && defined.TryGetValue(value[(i + 2)..end], out var replacement)) { result.Append(replacement); i = end; continue; }
            result.Append(value[i]);
        }
        return result.ToString();
    }
}
