using System.Text;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

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
            foreach (var field in ModelFields.Of(info.Type).Where(field => field.Name is not ("metadata" or "apiVersion" or "kind")))
                AppendField(text, field, info.Type == typeof(Pod) ? [] : [typeof(PodSpec)], 0);
            text.AppendLine();
        }
        return text.ToString();
    }

    private static void AppendFields(StringBuilder text, Type type, string path, HashSet<Type> seen, int depth)
    {
        text.AppendLine($"{new string(' ', depth * 2)}- `{path}`: object");
        foreach (var field in ModelFields.Of(type))
            AppendField(text, field, [.. seen, type], depth + 1);
    }

    private static string AsAbove(Type type) =>
        type == typeof(ObjectMeta) ? " (see metadata above)" : type == typeof(PodSpec) ? " (a Pod's spec; see Pod)" : " (as above)";

    private static void AppendField(StringBuilder text, ModelField field, HashSet<Type> seen, int depth)
    {
        var indent = new string(' ', depth * 2);
        if (field.Model is not { } model || seen.Contains(model) || model == typeof(ObjectMeta))
        {
            text.AppendLine($"{indent}- `{field.Name}`: {field.TypeText}{(field.Model is { } shown ? AsAbove(shown) : "")}");
            return;
        }
        text.AppendLine($"{indent}- `{field.Name}`: {(ModelFields.IsList(field.Type) ? "list of objects" : "object")}");
        foreach (var child in ModelFields.Of(model))
            AppendField(text, child, [.. seen, model], depth + 1);
    }
}
