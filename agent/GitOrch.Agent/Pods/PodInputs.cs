using System.Text;
using GitOrch.Agent.Runtime;
using GitOrch.Agent.Storage;
using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Agent.Pods;

/// <summary>
/// The objects a pod's containers are built from, read once before a start: the ConfigMaps and
/// Secrets it names, the Services of its namespace (for the service environment variables) and the
/// directories of its claims. A pod that names a service account other than <c>default</c> waits until
/// that account exists.
/// </summary>
/// <param name="Claims">Each claim's directory on this node, by claim name.</param>
public sealed record PodInputs(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ConfigMaps,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Secrets,
    IReadOnlyList<Service> Services,
    IReadOnlyDictionary<string, string> Claims)
{
    public static async Task<PodInputs> LoadAsync(ObjectClient client, Pod pod, string nodeName, CancellationToken cancellationToken)
    {
        var ns = pod.Namespace ?? WellKnown.DefaultNamespace;
        if ((pod.Spec.ServiceAccountName ?? pod.Spec.ServiceAccount) is { Length: > 0 } account and not WellKnown.DefaultServiceAccount
            && await client.GetAsync<ServiceAccount>(ns, account, cancellationToken) is null)
            throw Missing("serviceaccount", account);
        var containers = pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []).ToList();
        var configMapNames = containers.SelectMany(c => (c.Env ?? []).Select(e => e.ValueFrom?.ConfigMapKeyRef?.Name).Concat((c.EnvFrom ?? []).Select(e => e.ConfigMapRef?.Name)))
            .Concat((pod.Spec.Volumes ?? []).Select(v => v.ConfigMap?.Name));
        var secretNames = containers.SelectMany(c => (c.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef?.Name).Concat((c.EnvFrom ?? []).Select(e => e.SecretRef?.Name)))
            .Concat((pod.Spec.Volumes ?? []).Select(v => v.Secret?.SecretName))
            .Concat((pod.Spec.ImagePullSecrets ?? []).Select(s => s.Name));

        var configMaps = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var name in configMapNames.OfType<string>().Distinct())
            if (await client.GetAsync<ConfigMap>(ns, name, cancellationToken) is { } configMap)
                configMaps[name] = configMap.Data ?? [];
        var secrets = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var name in secretNames.OfType<string>().Distinct())
            if (await client.GetAsync<Secret>(ns, name, cancellationToken) is { } secret)
                secrets[name] = Decode(secret);
        var services = pod.Spec.EnableServiceLinks == false ? [] : await client.ListAsync<Service>(ns, cancellationToken: cancellationToken);
        return new PodInputs(configMaps, secrets, services, await ClaimDirectories.LoadAsync(client, pod, nodeName, cancellationToken));
    }

    public IReadOnlyDictionary<string, string>? ConfigMap(string name, bool optional) =>
        ConfigMaps.GetValueOrDefault(name) ?? (optional ? null : throw Missing("configmap", name));

    public IReadOnlyDictionary<string, string>? Secret(string name, bool optional) =>
        Secrets.GetValueOrDefault(name) ?? (optional ? null : throw Missing("secret", name));

    private static PodStartException Missing(string kind, string name) =>
        new($"{kind} \"{name}\" not found", "CreateContainerConfigError");

    /// <summary>A Secret's values in plain text: <c>data</c> is base64, <c>stringData</c> is not and wins.</summary>
    private static IReadOnlyDictionary<string, string> Decode(Secret secret)
    {
        var values = new Dictionary<string, string>();
        foreach (var (key, value) in secret.Data ?? [])
            values[key] = Encoding.UTF8.GetString(Convert.FromBase64String(value));
        foreach (var (key, value) in secret.StringData ?? [])
            values[key] = value;
        return values;
    }
}
