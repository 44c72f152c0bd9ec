using static GitOrch.Dashboard.Views.Html;

namespace GitOrch.Dashboard.Views;

/// <summary>The login form: the token that 'gitorch up' prints, or the server's --dashboard-token-file holds.</summary>
internal static class LoginView
{
    public static Page Render(ViewRequest request, bool loginEnabled, bool failed)
    {
        if (!loginEnabled)
            return new Page("Log in", [], Heading("Log in") + "<p>This dashboard has no token, so it is read-only. Start the server with --dashboard-token-file to allow actions.</p>");
        var error = failed ? "<p class=\"error\" role=\"alert\" id=\"login-error\">That token is not right.</p>" : "";
        return new Page("Log in", [], Heading("Log in") + error +
            "<form method=\"post\" action=\"/login\" class=\"login\"><label for=\"token\">Dashboard token</label>" +
            "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required>" +
            "<button type=\"submit\">Log in</button></form><p>Without a login the dashboard shows everything but changes nothing.</p>");
    }
}
