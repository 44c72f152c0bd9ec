using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GitOrch.Api.Model;

namespace GitOrch.Cli.Tests;

/// <summary>docs/manifest-fields.md: every field the manifest loader accepts, per kind, read from the model itself.</summary>
public sealed class ManifestFieldsTests
{
    [Fact]
    public void The_field_reference_in_docs_matches_the_model()
    {
        GeneratedDoc.AssertCurrent("manifest-fields.md", Render(), "ManifestFields");
    }

    private static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("# Manifest fields");
        text.AppendLine();
        text.AppendLine("Every field the manifest loader accepts, per kind, generated from the object model (a test fails when");
        text.AppendLine("it is stale). Any other field is refused with its file:line. `metadata` is the same for every kind");
        text.AppendLine("and listed once. `status` is written by GitOrch; a manifest may carry it (as `get -o yaml` prints it),");
        text.AppendLine("and it is ignored on apply. How these differ from Kubernetes is in [manifests.md](manifests.md). The kinds");
        text.AppendLine("that are stored only (Role, Ingress and the others listed there) keep every field as written.");
        text.AppendLine();
        text.AppendLine("## metadata (every kind)");
        text.AppendLine();
        AppendFields(text, typeof(ObjectMeta), "metadata", [], 0);
        text.AppendLine();
        text.AppendLine("A pod template's `metadata` has these fields too, and its `spec` is a Pod's `spec`.");
        text.AppendLine();
        foreach (var info in Kinds.All.Where(info => !info.IsStoredOnly))
        {
            text.AppendLine($"## {info.Kind} (`apiVersion: {info.ApiVersion}`{(info.Namespaced ? "" : ", cluster-wide")})");
            text.AppendLine();
            foreach (var property in Fields(info.Type).Where(property => property.Name is not (nameof(KubeObject.Metadata) or "ApiVersion" or "Kind")))
                AppendField(text, property, "", info.Type == typeof(Pod) ? [] : [typeof(PodSpec)], 0);
            text.AppendLine();
        }
        return text.ToString();
    }

    private static void AppendFields(StringBuilder text, Type type, string path, HashSet<Type> seen, int depth)
    {
        text.AppendLine($"{new string(' ', depth * 2)}- `{path}`: object");
        foreach (var property in Fields(type))
            AppendField(text, property, "", [.. seen, type], depth + 1);
    }

    private static string AsAbove(Type type) =>
        type == typeof(ObjectMeta) ? " (see metadata above)" : type == typeof(PodSpec) ? " (a Pod's spec; see Pod)" : " (as above)";

    private static void AppendField(StringBuilder text, PropertyInfo property, string prefix, HashSet<Type> seen, int depth)
    {
        var name = JsonName(property);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var element = ElementType(type);
        var shown = element ?? type;
        var indent = new string(' ', depth * 2);
        if (!IsModel(shown) || seen.Contains(shown) || shown == typeof(ObjectMeta))
        {
            text.AppendLine($"{indent}- `{prefix}{name}`: {Describe(type)}{(IsModel(shown) ? AsAbove(shown) : "")}");
            return;
        }
        text.AppendLine($"{indent}- `{prefix}{name}`: {(element is null ? "object" : "list of objects")}");
        foreach (var child in Fields(shown))
            AppendField(text, child, "", [.. seen, shown], depth + 1);
    }

    private static IEnumerable<PropertyInfo> Fields(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite && property.GetCustomAttribute<JsonIgnoreAttribute>() is null && property.GetIndexParameters().Length == 0)
            .OrderBy(property => property.MetadataToken);

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..];

    private static Type? ElementType(Type type) =>
        type == typeof(string) || IsMap(type) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0]
        : null;

    private static bool IsMap(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() is var definition
        && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>));

    private static bool IsModel(Type type) => type.Namespace == typeof(Pod).Namespace && type.IsClass && type != typeof(IntOrString);

    private static string Describe(Type type) =>
        type == typeof(string) ? "string"
        : type == typeof(bool) ? "boolean"
        : type == typeof(int) || type == typeof(long) ? "integer"
        : type == typeof(double) ? "number"
        : type == typeof(IntOrString) ? "integer or string"
        : type == typeof(DateTimeOffset) ? "timestamp"
        : typeof(JsonNode).IsAssignableFrom(type) ? "any YAML"
        : IsMap(type) ? $"map of {Describe(type.GetGenericArguments()[1])}"
        : ElementType(type) is { } element ? $"list of {Describe(element)}"
        : IsModel(type) ? "object"
        : type.Name;
}
