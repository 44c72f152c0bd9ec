using GitOrch.Dashboard.Http;
using Microsoft.AspNetCore.Http;

namespace GitOrch.Dashboard.Views;

/// <summary>What a view is asked with: the settings, the HTTP request, the filters in its URL, and the session, if a user logged in.</summary>
internal sealed record ViewRequest(DashboardSettings Settings, HttpContext Context, Session? Session)
{
    public Filters Filters { get; } = Filters.From(Context.Request);

    public CancellationToken CancellationToken => Context.RequestAborted;

    /// <summary>An action button for a logged-in user; nothing for a read-only visitor.</summary>
    public string Action(string action, string label, params (string Name, string Value)[] fields) =>
        Session is null ? "" : Html.ActionButton(action, Session.Csrf, label, fields);
}
