using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using Json.Schema;

namespace GitOrch.Api.Validation;

/// <summary>
/// Checks a custom resource against the <c>openAPIV3Schema</c> of its version, with JsonSchema.Net.
/// Kubernetes' extensions to the schema (<c>x-kubernetes-*</c>, <c>nullable</c>) are read as
/// annotations, so they neither fail nor check anything.
/// </summary>
public static class CustomResourceValidator
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    /// <summary>The first field that breaks the schema, or null when the document fits (or its version has no schema).</summary>
    public static ValidationProblem? Validate(CustomKind kind, string apiVersion, JsonNode document)
    {
        if (kind.SchemaFor(apiVersion) is not { } schema) return null;
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(document), Options);
        if (results.IsValid) return null;
        var failed = (results.Details ?? []).Prepend(results).FirstOrDefault(detail => detail.Errors is { Count: > 0 });
        if (failed is null) return new ValidationProblem("", "does not match the schema of its CustomResourceDefinition");
        var message = failed.Errors!.Values.First();
        return new ValidationProblem(FieldPathOf(failed.InstanceLocation.ToString()), $"{message.TrimEnd('.')} (schema of {kind.Definition.Name})");
    }

    /// <summary>A JSON Pointer (<c>/spec/ports/0/name</c>) as the field path errors use (<c>spec.ports[0].name</c>).</summary>
    private static string FieldPathOf(string pointer)
    {
        var path = "";
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/").Replace("~0", "~")))
            path = int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? FieldPath.Index(path, index) : FieldPath.Child(path, segment);
        return path;
    }
}
