using GitOrch.Api.Model;

namespace GitOrch.Agent.Runtime;

/// <summary>Resolves a container's env list: plain values and the pod fields that fieldRef may name.</summary>
public static class EnvironmentResolver
{
    public static IReadOnlyList<KeyValuePair<string, string>> Resolve(Pod pod, Container container, string? podIP, string hostIP)
    {
        var resolved = new List<KeyValuePair<string, string>>();
        foreach (var variable in container.Env ?? [])
            resolved.Add(new(variable.Name, variable.ValueFrom is null ? variable.Value ?? "" : FromSource(pod, variable, podIP, hostIP)));
        return resolved;
    }

    private static string FromSource(Pod pod, EnvVar variable, string? podIP, string hostIP)
    {
        var fieldPath = variable.ValueFrom!.FieldRef?.FieldPath
            ?? throw new PodStartException($"env {variable.Name}: only fieldRef is supported so far (configMapKeyRef and secretKeyRef are not)");
        return fieldPath switch
        {
            "metadata.name" => pod.Name,
            "metadata.namespace" => pod.Namespace ?? "",
            "metadata.uid" => pod.Metadata.Uid ?? "",
            "spec.nodeName" => pod.Spec.NodeName ?? "",
            "spec.serviceAccountName" => pod.Spec.ServiceAccountName ?? "",
            "status.podIP" => podIP ?? "",
            "status.hostIP" => hostIP,
            _ when fieldPath.StartsWith("metadata.labels['", StringComparison.Ordinal) => Lookup(pod.Metadata.Labels, fieldPath),
            _ when fieldPath.StartsWith("metadata.annotations['", StringComparison.Ordinal) => Lookup(pod.Metadata.Annotations, fieldPath),
            _ => throw new PodStartException($"env {variable.Name}: unsupported fieldPath \"{fieldPath}\""),
        };
    }

    private static string Lookup(Dictionary<string, string>? values, string fieldPath)
    {
        var key = fieldPath[(fieldPath.IndexOf('\'') + 1)..fieldPath.LastIndexOf('\'')];
        return values?.GetValueOrDefault(key) ?? "";
    }
}
