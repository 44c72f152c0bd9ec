namespace GitOrch.Api.Model;

/// <summary>
/// Per-container defaults and bounds in one namespace: a container that names no request or limit gets
/// the range's default, and one that asks for more than the maximum (or less than the minimum) is refused.
/// </summary>
public sealed record LimitRange : KubeObject
{
    public LimitRangeSpec Spec { get; init; } = new();
}

public sealed record LimitRangeSpec
{
    public List<LimitRangeItem> Limits { get; init; } = [];
}

public sealed record LimitRangeItem
{
    /// <summary>Container, the only type GitOrch acts on; Pod and PersistentVolumeClaim are kept but not applied.</summary>
    public string Type { get; init; } = "Container";

    /// <summary>The limits a container gets when it names none.</summary>
    public Dictionary<string, string>? Default { get; init; }

    /// <summary>The requests a container gets when it names none; the default limit when this is absent.</summary>
    public Dictionary<string, string>? DefaultRequest { get; init; }

    public Dictionary<string, string>? Max { get; init; }
    public Dictionary<string, string>? Min { get; init; }
    public Dictionary<string, string>? MaxLimitRequestRatio { get; init; }
}
