namespace GitOrch.Api.Model;

public sealed record ConfigMap : KubeObject
{
    public Dictionary<string, string>? Data { get; init; }
}
