using GitOrch.Api.Model;
using static GitOrch.Api.Validation.FieldPath;

namespace GitOrch.Api.Validation;

/// <summary>A CustomResourceDefinition: names that fit together, a known scope, one storage version, and schemas that compile.</summary>
internal static class CustomResourceDefinitionValidator
{
    public static void Validate(CustomResourceDefinition definition, Checks checks)
    {
        var spec = definition.Spec;
        checks.Require(spec.Group.Length > 0, "spec.group", "is required");
        checks.DnsSubdomain("spec.group", spec.Group is "" ? null : spec.Group);
        checks.Require(spec.Names.Kind.Length > 0, "spec.names.kind", "is required");
        checks.Require(spec.Names.Plural.Length > 0, "spec.names.plural", "is required");
        checks.DnsLabel("spec.names.plural", spec.Names.Plural is "" ? null : spec.Names.Plural);
        checks.Require(definition.Name == $"{spec.Names.Plural}.{spec.Group}", "metadata.name", $"must be spec.names.plural + \".\" + spec.group: \"{spec.Names.Plural}.{spec.Group}\"");
        checks.OneOf("spec.scope", spec.Scope, "Namespaced", "Cluster");
        checks.Require(spec.Versions.Count > 0, "spec.versions", "needs at least one version");
        checks.Require(spec.Versions.Count(version => version.Storage) == 1, "spec.versions", "needs exactly one version with storage: true");
        for (var i = 0; i < spec.Versions.Count; i++)
        {
            var path = Index("spec.versions", i);
            checks.DnsLabel(Child(path, "name"), spec.Versions[i].Name);
            Schema(new CustomKind(definition), $"{spec.Group}/{spec.Versions[i].Name}", Child(Child(path, "schema"), "openAPIV3Schema"), checks);
        }
    }

    private static void Schema(CustomKind kind, string apiVersion, string path, Checks checks)
    {
        try
        {
            kind.SchemaFor(apiVersion);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException or Json.Schema.JsonSchemaException)
        {
            checks.Fail(path, $"is not a schema JsonSchema.Net can read: {e.Message}");
        }
    }
}
