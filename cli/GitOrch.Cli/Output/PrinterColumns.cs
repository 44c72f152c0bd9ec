using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Cli.Output;

/// <summary>
/// The columns a CustomResourceDefinition declares for <c>get</c> (<c>additionalPrinterColumns</c> of its
/// storage version): each a JSONPath into the resource, a date shown as an age. Columns with a
/// priority above 0 show with <c>-o wide</c> only, as kubectl shows them.
/// </summary>
public static class PrinterColumns
{
    public static IReadOnlyList<Column> For(CustomKind kind, bool wide)
    {
        var declared = kind.Version(kind.Info.ApiVersion)?.AdditionalPrinterColumns ?? [];
        var nodes = new ConditionalWeakTable<KubeObject, JsonNode>();
        return declared.Where(column => wide || (column.Priority ?? 0) == 0).Select(column =>
        {
            var path = FieldPath.Parse(column.JsonPath);
            return new Column(column.Name.ToUpperInvariant(), obj =>
            {
                var node = nodes.GetValue(obj, ObjectJson.ToNode);
                var value = path.Evaluate(node, node).FirstOrDefault(found => found is not null);
                if (value is null) return "";
                return column.Type == "date" && DateTimeOffset.TryParse(JsonPathTemplate.Print(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    ? Age.Format(at)
                    : JsonPathTemplate.Print(value);
            });
        }).ToList();
    }
}
