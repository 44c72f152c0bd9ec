namespace GitOrch.Api.Model;

public sealed record Volume
{
    public string Name { get; init; } = "";
    public EmptyDirVolumeSource? EmptyDir { get; init; }
    public HostPathVolumeSource? HostPath { get; init; }
    public ConfigMapVolumeSource? ConfigMap { get; init; }
    public SecretVolumeSource? Secret { get; init; }
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; init; }
}

public sealed record EmptyDirVolumeSource
{
    public string? Medium { get; init; }
    public string? SizeLimit { get; init; }
}

public sealed record HostPathVolumeSource
{
    public string Path { get; init; } = "";
    public string? Type { get; init; }
}

public sealed record ConfigMapVolumeSource
{
    public string Name { get; init; } = "";
    public List<KeyToPath>? Items { get; init; }
    public int? DefaultMode { get; init; }
    public bool? Optional { get; init; }
}

public sealed record SecretVolumeSource
{
    public string SecretName { get; init; } = "";
    public List<KeyToPath>? Items { get; init; }
    public int? DefaultMode { get; init; }
    public bool? Optional { get; init; }
}

public sealed record KeyToPath
{
    public string Key { get; init; } = "";
    public string Path { get; init; } = "";
    public int? Mode { get; init; }
}

public sealed record PersistentVolumeClaimVolumeSource
{
    public string ClaimName { get; init; } = "";
    public bool? ReadOnly { get; init; }
}

public sealed record VolumeMount
{
    public string Name { get; init; } = "";
    public string MountPath { get; init; } = "";
    public bool? ReadOnly { get; init; }
    public string? SubPath { get; init; }
    public string? MountPropagation { get; init; }
}

public sealed record EnvFromSource
{
    public string? Prefix { get; init; }
    public NamedSourceReference? ConfigMapRef { get; init; }
    public NamedSourceReference? SecretRef { get; init; }
}

public sealed record NamedSourceReference
{
    public string Name { get; init; } = "";
    public bool? Optional { get; init; }
}

/// <summary>One key of a ConfigMap or Secret, as <c>configMapKeyRef</c> and <c>secretKeyRef</c> name it.</summary>
public sealed record KeySelector
{
    public string Name { get; init; } = "";
    public string Key { get; init; } = "";
    public bool? Optional { get; init; }
}
