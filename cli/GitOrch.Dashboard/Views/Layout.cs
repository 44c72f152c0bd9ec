using System.Text;
using GitOrch.Dashboard.Http;
using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>The frame around every view: navigation, who is logged in, the theme switch, and the main part that live updates replace.</summary>
internal static class Layout
{
    private static readonly (string Path, string Label)[] Navigation =
    [
        ("/", "Overview"), ("/apps", "Applications"), ("/releases", "Releases"), ("/rollouts", "Rollouts"),
        ("/nodes", "Nodes"), ("/events", "Events"),
    ];

    public static string Render(Page page, string path, Session? session, bool loginEnabled)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<title>{E(page.Title)} · GitOrch</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/app.css\"><script src=\"/assets/app.js\" defer></script></head>")
            .Append($"<body data-live=\"{E(string.Join(',', page.Topics))}\">")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a><header><a class=\"brand\" href=\"/\">GitOrch</a><nav aria-label=\"Main\"><ul>");
        foreach (var (href, label) in Navigation)
        {
            var current = href == "/" ? path == "/" : path.StartsWith(href, StringComparison.Ordinal);
            html.Append($"<li><a href=\"{href}\"{(current ? " aria-current=\"page\"" : "")}>{label}</a></li>");
        }
        html.Append("</ul></nav><div class=\"who\">");
        if (session is not null)
            html.Append($"<span>logged in as {E(session.User)}</span>").Append(ActionButton("/logout", session.Csrf, "Log out"));
        else if (loginEnabled)
            html.Append("<span>read-only</span> <a href=\"/login\">Log in</a>");
        else
            html.Append("<span>read-only</span>");
        html.Append("<button type=\"button\" id=\"theme\" aria-label=\"Switch between dark and light theme\">Theme</button></div></header>")
            .Append($"<main id=\"main\" tabindex=\"-1\">{page.Main}</main>")
            .Append("<p id=\"live-status\" class=\"live\" role=\"status\" aria-live=\"polite\"></p></body></html>");
        return html.ToString();
    }
}
