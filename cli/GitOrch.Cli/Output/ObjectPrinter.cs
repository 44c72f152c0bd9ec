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
        var columns = KindColumns.For(info, wide: format == "wide");
        var header = (showNamespace ? ["NAMESPACE"] : Array.Empty<string>()).Concat(columns.Select(column => column.Header));
        var rows = objects.Select(obj => (showNamespace ? [obj.Namespace ?? ""] : Array.Empty<string>()).Concat(columns.Select(column => column.Value(obj))));
        TextTable.Write(output, header, rows);
    }

    private static JsonObject AsList(IEnumerable<KubeObject> objects) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray(objects.Select(obj => (JsonNode)ObjectJson.ToNode(obj)).ToArray()),
    };
}
