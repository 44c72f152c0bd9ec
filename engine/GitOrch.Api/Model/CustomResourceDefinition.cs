using System.Text.Json.Nodes;

namespace GitOrch.Api.Model;

/// <summary>
/// Registers a kind of custom resource: its resources are then stored, diffed, pruned and listed like
/// any kind's, checked against the version's <c>openAPIV3Schema</c>, and <c>get</c> shows its printer columns.
/// No controller acts on them.
/// </summary>
public sealed record CustomResourceDefinition : KubeObject
{
    public CustomResourceDefinitionSpec Spec { get; init; } = new();
    public JsonObject? Status { get; init; }
}

public sealed record CustomResourceDefinitionSpec
{
    public string Group { get; init; } = "";
    public CustomResourceDefinitionNames Names { get; init; } = new();
    /// <summary>Namespaced or Cluster.</summary>
    public string Scope { get; init; } = "";
    public List<CustomResourceDefinitionVersion> Versions { get; init; } = [];
    public JsonObject? Conversion { get; init; }
    public bool? PreserveUnknownFields { get; init; }
}

public sealed record CustomResourceDefinitionNames
{
    public string Kind { get; init; } = "";
    public string Plural { get; init; } = "";
    public string? Singular { get; init; }
    public List<string>? ShortNames { get; init; }
    public string? ListKind { get; init; }
    public List<string>? Categories { get; init; }
}

public sealed record CustomResourceDefinitionVersion
{
    public string Name { get; init; } = "";
    public bool Served { get; init; }
    public bool Storage { get; init; }
    public bool? Deprecated { get; init; }
    public string? DeprecationWarning { get; init; }
    public CustomResourceValidation? Schema { get; init; }
    public List<CustomResourceColumn>? AdditionalPrinterColumns { get; init; }
    public JsonObject? Subresources { get; init; }
    public List<JsonObject>? SelectableFields { get; init; }
}

public sealed record CustomResourceValidation
{
    public JsonObject? OpenAPIV3Schema { get; init; }
}

/// <summary>A column <c>get</c> shows: a JSONPath into each resource (<c>.spec.replicas</c>).</summary>
public sealed record CustomResourceColumn
{
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    public string JsonPath { get; init; } = "";
    public string? Description { get; init; }
    public string? Format { get; init; }
    public int? Priority { get; init; }
}
