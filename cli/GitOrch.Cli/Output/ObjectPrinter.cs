using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Cli.Output;

/// <summary>
/// Prints objects as kubectl does: a table (with any label columns asked for, or custom columns), names,
/// a jsonpath template, or the objects themselves in JSON or YAML.
/// </summary>
public sealed class ObjectPrinter(TextWriter output, string format, IReadOnlyList<Column>? labelColumns = null)
{
    public const string JsonPathPrefix = "jsonpath=";

    private readonly JsonPathTemplate? _template = format.StartsWith(JsonPathPrefix, StringComparison.Ordinal)
        ? JsonPathTemplate.Parse(format[JsonPathPrefix.Length..])
        : null;

    private readonly IReadOnlyList<Column>? _customColumns = format.StartsWith(CustomColumns.Prefix, StringComparison.Ordinal)
        ? CustomColumns.Parse(format[CustomColumns.Prefix.Length..])
        : null;

    private IReadOnlyList<Column> Extra => labelColumns ?? [];

    public void PrintOne(KindInfo info, KubeObject obj)
    {
        if (_template is not null)
        {
            output.Write(_template.Render(ObjectJson.ToNode(obj)));
            return;
        }
        switch (format)
        {
            case "json": output.WriteLine(ObjectJson.ToText(ObjectJson.ToNode(obj))); break;
            case "yaml": output.Write(ObjectYaml.ToText(ObjectJson.ToNode(obj))); break;
            default: PrintList(info, [obj], showNamespace: false); break;
        }
    }

    public void PrintList(KindInfo info, IReadOnlyList<KubeObject> objects, bool showNamespace) =>
        PrintGroups([(info, objects)], showNamespace, grouped: false);

    /// <summary>Several kinds at once: one List in JSON, YAML and jsonpath; one table per kind that has objects, names written KIND/NAME.</summary>
    public void PrintGroups(IReadOnlyList<(KindInfo Info, IReadOnlyList<KubeObject> Objects)> groups, bool showNamespace, bool grouped)
    {
        var all = groups.SelectMany(group => group.Objects).ToList();
        if (_template is not null)
        {
            output.Write(_template.Render(AsList(all)));
            return;
        }
        switch (format)
        {
            case "json": output.WriteLine(ObjectJson.ToText(AsList(all))); return;
            case "yaml": output.Write(ObjectYaml.ToText(AsList(all))); return;
            case "name":
                foreach (var (info, objects) in groups)
                foreach (var obj in objects)
                    output.WriteLine(KindName(info, obj));
                return;
        }
        if (all.Count == 0)
        {
            var namespaced = groups.Any(group => group.Info.Namespaced);
            output.WriteLine(showNamespace || !namespaced ? "No resources found." : "No resources found in this namespace.");
            return;
        }
        var first = true;
        foreach (var (info, objects) in groups.Where(group => group.Objects.Count > 0))
        {
            if (!first) output.WriteLine();
            first = false;
            var columns = _customColumns ?? Columns(info, format == "wide", Extra, grouped);
            TextTable.Write(output, Header(columns, showNamespace), Rows(columns, objects, showNamespace));
        }
    }

    public static IEnumerable<string> Header(KindInfo info, bool showNamespace, bool wide) => Header(Columns(info, wide, [], false), showNamespace);

    public static IEnumerable<IEnumerable<string>> Rows(KindInfo info, IEnumerable<KubeObject> objects, bool showNamespace, bool wide) =>
        Rows(Columns(info, wide, [], false), objects, showNamespace);

    private static IEnumerable<string> Header(IReadOnlyList<Column> columns, bool showNamespace) =>
        (showNamespace ? ["NAMESPACE"] : Array.Empty<string>()).Concat(columns.Select(column => column.Header));

    private static IEnumerable<IEnumerable<string>> Rows(IReadOnlyList<Column> columns, IEnumerable<KubeObject> objects, bool showNamespace) =>
        objects.Select(obj => (showNamespace ? [obj.Namespace ?? ""] : Array.Empty<string>()).Concat(columns.Select(column => column.Value(obj))));

    private static IReadOnlyList<Column> Columns(KindInfo info, bool wide, IReadOnlyList<Column> extra, bool kindInName)
    {
        var columns = KindColumns.For(info, wide).ToList();
        if (kindInName) columns[0] = new Column("NAME", obj => KindName(info, obj));
        return [.. columns, .. extra];
    }

    private static string KindName(KindInfo info, KubeObject obj) => $"{info.Kind.ToLowerInvariant()}/{obj.Name}";

    private static JsonObject AsList(IEnumerable<KubeObject> objects) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray(objects.Select(obj => (JsonNode)ObjectJson.ToNode(obj)).ToArray()),
    };
}
