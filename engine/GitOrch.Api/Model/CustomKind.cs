using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace GitOrch.Api.Model;

/// <summary>
/// A kind a CustomResourceDefinition registered: the definition, and each served version's schema,
/// compiled once on first use.
/// </summary>
public sealed class CustomKind
{
    /// <summary>
    /// Draft 7, the JSON Schema draft nearest to OpenAPI 3.0's schemas, with Kubernetes' own keywords
    /// (<c>x-kubernetes-*</c>, <c>nullable</c>) allowed; each schema in a registry of its own, as CRD schemas carry no ids.
    /// </summary>
    private static readonly Dialect KubernetesDialect = Dialect.Draft07.With([], allowUnknownKeywords: true);

    private static BuildOptions SchemaOptions => new() { SchemaRegistry = new SchemaRegistry(), Dialect = KubernetesDialect };

    private readonly CustomResourceDefinition _definition;
    private readonly ConcurrentDictionary<string, JsonSchema?> _schemas = new();

    public CustomKind(CustomResourceDefinition definition)
    {
        _definition = definition;
        Info = new KindInfo(definition.Spec.Names.Kind, $"{definition.Spec.Group}/{StorageVersion(definition).Name}", typeof(StoredObject),
            definition.Spec.Names.Plural, definition.Spec.Scope == "Namespaced", ApplyOrder: 3)
        {
            Custom = this,
            ServedApiVersions = definition.Spec.Versions.Where(version => version.Served).Select(version => $"{definition.Spec.Group}/{version.Name}").ToList(),
        };
    }

    public CustomResourceDefinition Definition => _definition;

    /// <summary>The KindInfo the definition registers: its storage version's apiVersion, and every other served one accepted.</summary>
    public KindInfo Info { get; }

    public CustomResourceDefinitionVersion? Version(string apiVersion) =>
        _definition.Spec.Versions.FirstOrDefault(version => $"{_definition.Spec.Group}/{version.Name}" == apiVersion);

    /// <summary>The version's schema, or null when it has none.</summary>
    public JsonSchema? SchemaFor(string apiVersion) => _schemas.GetOrAdd(apiVersion, _ =>
        Version(apiVersion)?.Schema?.OpenAPIV3Schema is { } schema
            ? JsonSchema.FromText(schema.ToJsonString(), SchemaOptions)
            : null);

    private static CustomResourceDefinitionVersion StorageVersion(CustomResourceDefinition definition) =>
        definition.Spec.Versions.FirstOrDefault(version => version.Storage) ?? definition.Spec.Versions.FirstOrDefault() ?? new CustomResourceDefinitionVersion { Name = "v1" };
}
