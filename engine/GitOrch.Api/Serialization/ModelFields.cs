using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GitOrch.Api.Model;

namespace GitOrch.Api.Serialization;

/// <summary>One field a manifest may hold: its YAML name, its type in words, and the model type of its fields when it has any.</summary>
public sealed record ModelField(string Name, Type Type)
{
    /// <summary>integer, string, map of string, list of objects, …</summary>
    public string TypeText => ModelFields.Describe(Type);

    /// <summary>The type whose fields this one holds (an object's, or a list element's), or null for a scalar, a map or any YAML.</summary>
    public Type? Model => ModelFields.ModelOf(Type);
}

/// <summary>
/// The fields of the object model as manifests name them, read by reflection from the model itself, so
/// the field reference in the docs and <c>gitorch explain</c> cannot drift from what the loader accepts.
/// </summary>
public static class ModelFields
{
    public static IReadOnlyList<ModelField> Of(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite && property.GetCustomAttribute<JsonIgnoreAttribute>() is null && property.GetIndexParameters().Length == 0)
            .OrderBy(property => property.MetadataToken)
            .Select(property => new ModelField(JsonName(property), Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType))
            .ToList();

    public static Type? ModelOf(Type type) => (ElementType(type) ?? type) is var shown && IsModel(shown) ? shown : null;

    public static bool IsList(Type type) => ElementType(type) is not null;

    public static bool IsModel(Type type) => type.Namespace == typeof(Pod).Namespace && type.IsClass && type != typeof(IntOrString);

    public static string Describe(Type type) =>
        type == typeof(string) ? "string"
        : type == typeof(bool) ? "boolean"
        : type == typeof(int) || type == typeof(long) ? "integer"
        : type == typeof(double) ? "number"
        : type == typeof(IntOrString) ? "integer or string"
        : type == typeof(DateTimeOffset) ? "timestamp"
        : typeof(JsonNode).IsAssignableFrom(type) ? "any YAML"
        : IsMap(type) ? $"map of {Describe(type.GetGenericArguments()[1])}"
        : ElementType(type) is { } element ? $"list of {(IsModel(element) ? "objects" : Describe(element))}"
        : IsModel(type) ? "object"
        : type.Name;

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..];

    private static Type? ElementType(Type type) =>
        type == typeof(string) || IsMap(type) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0]
        : null;

    private static bool IsMap(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() is var definition
        && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>));
}
