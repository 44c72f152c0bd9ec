using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace GitOrch.Api.Model;

/// <summary>
/// An object of a Kubernetes kind that GitOrch stores, diffs, prunes and lists, but that no GitOrch
/// controller acts on yet: a Role, a NetworkPolicy, an Ingress. Every field beyond apiVersion, kind and
/// metadata is kept exactly as it was written.
/// </summary>
public sealed record StoredObject : KubeObject
{
    [JsonExtensionData, YamlIgnore]
    public Dictionary<string, JsonElement>? Fields { get; init; }
}
