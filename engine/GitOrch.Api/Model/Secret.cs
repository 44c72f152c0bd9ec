namespace GitOrch.Api.Model;

/// <summary>Like a ConfigMap, for sensitive values: <c>data</c> holds base64, <c>stringData</c> plain text.</summary>
public sealed record Secret : KubeObject
{
    public string? Type { get; init; }
    public Dictionary<string, string>? Data { get; init; }
    public Dictionary<string, string>? StringData { get; init; }
    public bool? Immutable { get; init; }
}
