namespace GitOrch.Api.Model;

/// <summary>
/// A Secret encrypted to the cluster's sealing key, safe to commit. <c>gitorch seal</c> makes one; the
/// sync opens it into the Secret it stands for, of the same namespace and name. Each value is bound to
/// that namespace, name and key, so a value copied into another SealedSecret does not open.
/// </summary>
public sealed record SealedSecret : KubeObject
{
    public SealedSecretSpec Spec { get; init; } = new();
}

public sealed record SealedSecretSpec
{
    /// <summary>Each key's sealed value, base64.</summary>
    public Dictionary<string, string> EncryptedData { get; init; } = [];

    /// <summary>What the opened Secret carries besides its data.</summary>
    public SealedSecretTemplate? Template { get; init; }
}

public sealed record SealedSecretTemplate
{
    public string? Type { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
}
