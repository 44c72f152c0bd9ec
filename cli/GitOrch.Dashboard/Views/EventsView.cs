using GitOrch.Api.Model;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>Events, newest first, live, filtered by kind, namespace, object and type as well as the search and label filters.</summary>
internal static class EventsView
{
    public static async Task<Page> RenderAsync(ViewRequest request)
    {
        var query = request.Context.Request.Query;
        var kind = query["kind"].ToString();
        var involved = query["object"].ToString();
        var type = query["type"].ToString();
        var events = await request.Settings.Client.ListAsync<Event>(cancellationToken: request.CancellationToken);
        var shown = events
            .Where(e => request.Filters.Namespace.Length == 0 || e.Namespace == request.Filters.Namespace)
            .Where(e => kind.Length == 0 || string.Equals(e.InvolvedObject.Kind, kind, StringComparison.OrdinalIgnoreCase))
            .Where(e => involved.Length == 0 || (e.InvolvedObject.Name ?? "").Contains(involved, StringComparison.OrdinalIgnoreCase))
            .Where(e => type.Length == 0 || e.Type == type)
            .Where(e => request.Filters.Search.Length == 0 || $"{e.Reason} {e.Message}".Contains(request.Filters.Search, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.FirstTimestamp ?? DateTimeOffset.MinValue)
            .Take(500);
        var kinds = events.Select(e => e.InvolvedObject.Kind).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        var form = "<form method=\"get\" action=\"/events\" class=\"filters\" role=\"search\">" +
                   $"<label>Search <input type=\"search\" name=\"q\" value=\"{E(request.Filters.Search)}\"></label>" +
                   $"<label>Namespace <input type=\"text\" name=\"ns\" value=\"{E(request.Filters.Namespace)}\"></label>" +
                   $"<label>Kind <select name=\"kind\"><option value=\"\">all</option>{string.Concat(kinds.Select(k => $"<option{(k == kind ? " selected" : "")}>{E(k)}</option>"))}</select></label>" +
                   $"<label>Object <input type=\"text\" name=\"object\" value=\"{E(involved)}\"></label>" +
                   $"<label>Type <select name=\"type\"><option value=\"\">all</option><option{(type == EventTypes.Normal ? " selected" : "")}>Normal</option><option{(type == EventTypes.Warning ? " selected" : "")}>Warning</option></select></label>" +
                   "<button type=\"submit\">Filter</button></form>";
        var rows = shown.Select(e => (IReadOnlyList<string>)
        [
            Age(e.FirstTimestamp), Badge(e.Type), E(e.Reason),
            E($"{e.InvolvedObject.Kind?.ToLowerInvariant()}/{e.InvolvedObject.Name}"), E(e.Namespace), E(e.Message), E(e.Source),
        ]);
        return new Page("Events", ["events"], Heading("Events") + form + Table("Events, newest first", ["Age", "Type", "Reason", "Object", "Namespace", "Message", "Source"], rows, "none"));
    }
}
