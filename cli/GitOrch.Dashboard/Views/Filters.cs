using GitOrch.Api.Model;
using Microsoft.AspNetCore.Http;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>
/// The search, namespace and label filters every list takes from its URL (?q=&amp;ns=&amp;l=), so a
/// filtered view can be shared as a link.
/// </summary>
internal sealed record Filters(string Search, string Namespace, string Labels)
{
    public static Filters From(HttpRequest request) =>
        new(request.Query["q"].ToString().Trim(), request.Query["ns"].ToString().Trim(), request.Query["l"].ToString().Trim());

    /// <summary>The label selector, or an error to show when it does not parse; parsed once, not per object.</summary>
    private (LabelSelector? Selector, string? Problem) Parsed { get; } = Parse(Labels);

    private static (LabelSelector? Selector, string? Problem) Parse(string labels)
    {
        if (labels.Length == 0) return (null, null);
        try
        {
            return (SelectorParser.Parse(labels), null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    public bool Matches(KubeObject obj)
    {
        if (Namespace.Length > 0 && obj.Namespace != Namespace) return false;
        if (Search.Length > 0 && !$"{obj.Kind}/{obj.Namespace}/{obj.Name}".Contains(Search, StringComparison.OrdinalIgnoreCase)) return false;
        var (selector, problem) = Parsed;
        return problem is null && (selector is null || selector.Matches(obj.Labels ?? new Dictionary<string, string>()));
    }

    public string Form(string action, IEnumerable<string> namespaces)
    {
        var options = string.Concat(namespaces.Distinct().Order(StringComparer.Ordinal)
            .Select(ns => $"<option value=\"{E(ns)}\"{(ns == Namespace ? " selected" : "")}>{E(ns)}</option>"));
        var problem = Parsed.Problem is { } message ? $"<p class=\"error\" role=\"alert\">label selector: {E(message)}</p>" : "";
        return $"<form method=\"get\" action=\"{E(action)}\" class=\"filters\" role=\"search\">" +
               $"<label>Search <input type=\"search\" name=\"q\" value=\"{E(Search)}\"></label>" +
               $"<label>Namespace <select name=\"ns\"><option value=\"\">all</option>{options}</select></label>" +
               $"<label>Labels <input type=\"text\" name=\"l\" value=\"{E(Labels)}\" placeholder=\"app=web,tier!=db\"></label>" +
               $"<button type=\"submit\">Filter</button></form>{problem}";
    }
}
