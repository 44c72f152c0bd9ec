using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Cli.Output;

/// <summary>Prints objects as kubectl does: a table, names, or the objects themselves in JSON or YAML.</summary>
public sealed class ObjectPrinter(TextWriter output, string format)
{
    public void PrintOne(KindInfo info, KubeObject obj)
    {
        switch (format)
        {
            case "json": output.WriteLine(ObjectJson.ToText(ObjectJson.ToNode(obj))); break;
            case "yaml": output.Write(ObjectYaml.ToText(ObjectJson.ToNode(obj))); break;
            default: PrintList(info, [obj], showNamespace: false); break;
        }
    }

    public void PrintList(KindInfo info, IReadOnlyList<KubeObject> objects, bool showNamespace)
    {
        switch (format)
        {
            case "json": output.WriteLine(ObjectJson.ToText(AsList(objects))); return;
            case "yaml": output.Write(ObjectYaml.ToText(AsList(objects))); return;
            case "name":
                foreach (var obj in objects) output.WriteLine($"{info.Kind.ToLowerInvariant()}/{obj.Name}");
                return;
        }
        if (objects.Count == 0)
        {
            output.WriteLine(showNamespace || !info.Namespaced ? "No resources found." : "No resources found in this namespace.");
            return;
        }
        TextTable.Write(output, Header(info, showNamespace, wide: format == "wide"), Rows(info, objects, showNamespace, wide: format == "wide"));
    }

    public static IEnumerable<string> Header(KindInfo info, bool showNamespace, bool wide) =>
        (showNamespace ? ["NAMESPACE"] : Array.Empty<string>()).Concat(KindColumns.For(info, wide).Select(column => column.Header));

    public static IEnumerable<IEnumerable<string>> Rows(KindInfo info, IEnumerable<KubeObject> objects, bool showNamespace, bool wide)
    {
        var columns = KindColumns.For(info, wide);
        return objects.Select(obj => (showNamespace ? [obj.Namespace ?? ""] : Array.Empty<string>()).Concat(columns.Select(column => column.Value(obj))));
    }

    private static JsonObject AsList(IEnumerable<KubeObject> objects) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray(objects.Select(obj => (JsonNode)ObjectJson.ToNode(obj)).ToArray()),
    };
}
