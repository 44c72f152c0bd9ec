namespace GitOrch.Api.Model;

public sealed record ObjectMeta
{
    public string Name { get; init; } = "";
    public string? GenerateName { get; init; }
    public string? Namespace { get; init; }
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
    public long? Generation { get; init; }
    public DateTimeOffset? CreationTimestamp { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
    public List<OwnerReference>? OwnerReferences { get; init; }
}

public sealed record OwnerReference
{
    public string ApiVersion { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string Uid { get; init; } = "";
    public bool? Controller { get; init; }
    public bool? BlockOwnerDeletion { get; init; }
}
