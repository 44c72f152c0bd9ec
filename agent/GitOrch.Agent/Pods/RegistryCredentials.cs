using System.Text;
using System.Text.Json.Nodes;
using GitOrch.Agent.Runtime;
using GitOrch.Api.Model;

namespace GitOrch.Agent.Pods;

/// <summary>Registry logins from the pod's imagePullSecrets of type <c>kubernetes.io/dockerconfigjson</c>.</summary>
public static class RegistryCredentials
{
    public static IReadOnlyList<RegistryCredential> From(Pod pod, PodInputs inputs)
    {
        var credentials = new List<RegistryCredential>();
        foreach (var reference in pod.Spec.ImagePullSecrets ?? [])
        {
            if (inputs.Secret(reference.Name, optional: true)?.GetValueOrDefault(".dockerconfigjson") is not { } json) continue;
            var auths = JsonNode.Parse(json)?["auths"]?.AsObject()
                ?? throw new PodStartException($"secret \"{reference.Name}\": .dockerconfigjson has no auths", "CreateContainerConfigError");
            foreach (var (registry, entry) in auths)
            {
                var username = entry?["username"]?.GetValue<string>();
                var password = entry?["password"]?.GetValue<string>();
                if (username is null && entry?["auth"]?.GetValue<string>() is { } auth)
                {
                    var pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth)).Split(':', 2);
                    (username, password) = (pair[0], pair.ElementAtOrDefault(1));
                }
                credentials.Add(new RegistryCredential(registry, username ?? "", password ?? ""));
            }
        }
        return credentials;
    }
}
