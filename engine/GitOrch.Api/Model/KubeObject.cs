using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace GitOrch.Api.Model;

/// <summary>The fields every object shares. Each kind adds its own spec and status.</summary>
public abstract record KubeObject
{
    [JsonPropertyOrder(-3)] public string ApiVersion { get; init; } = "";
    [JsonPropertyOrder(-2)] public string Kind { get; init; } = "";
    [JsonPropertyOrder(-1)] public ObjectMeta Metadata { get; init; } = new();

    [JsonIgnore, YamlIgnore]
    public string Name => Metadata.Name;
    [JsonIgnore, YamlIgnore]
    public string? Namespace => Metadata.Namespace;

    [JsonIgnore, YamlIgnore]
    public IReadOnlyDictionary<string, string> Labels =>
        Metadata.Labels ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>();

    public string? Annotation(string key) =>
        Metadata.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    public bool IsOwnedBy(KubeObject owner) =>
        Metadata.OwnerReferences?.Any(reference => reference.Uid == owner.Metadata.Uid) == true;

    /// <summary>The owner reference marked as controller: the workload that made this object and keeps it.</summary>
    public OwnerReference? ControllerReference() => Metadata.OwnerReferences?.FirstOrDefault(owner => owner.Controller == true);

    public OwnerReference AsControllerReference() => new()
    {
        ApiVersion = ApiVersion,
        Kind = Kind,
        Name = Name,
        Uid = Metadata.Uid ?? "",
        Controller = true,
        BlockOwnerDeletion = true,
    };
}
