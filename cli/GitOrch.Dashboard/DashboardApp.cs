using System.Globalization;
using GitOrch.Dashboard.Actions;
using GitOrch.Dashboard.Http;
using GitOrch.Dashboard.Live;
using GitOrch.Dashboard.Views;
using GitOrch.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitOrch.Dashboard;

/// <summary>
/// The dashboard's routes on a web app the caller hosts: server-rendered views that redraw their main
/// part on Server-Sent Events from store watches, a token login, and the actions, which need a login
/// and the session's CSRF token.
/// </summary>
public sealed class DashboardApp : IAsyncDisposable
{
    /// <summary>A page asks for its main part alone with this header, when a live change redraws it.</summary>
    private const string PartHeader = "X-Dashboard-Part";

    private readonly DashboardSettings _settings;
    private readonly Sessions _sessions;
    private readonly ChangeFeed _feed;
    private readonly TrafficHistory _traffic;
    private readonly DashboardActions _actions;

    public DashboardApp(DashboardSettings settings)
    {
        _settings = settings;
        _sessions = new Sessions(settings.Token);
        _feed = new ChangeFeed(settings.Client.Store);
        _traffic = new TrafficHistory(settings.Client.Store);
        _actions = new DashboardActions(settings);
    }

    public void Map(WebApplication app)
    {
        _traffic.Start();
        app.Use((context, next) => SecurityHeaders.Add(context, next));
        app.MapGet("/assets/{name}", (string name, HttpContext context) => Assets.Serve(name, context));
        app.MapGet("/live", (HttpContext context) => LiveEndpoint.StreamAsync(context, _feed));
        View(app, "/", OverviewView.RenderAsync);
        View(app, "/apps", ApplicationsView.RenderAsync);
        View(app, "/releases", ReleasesView.RenderAsync);
        View(app, "/releases/{number:int}", request => ReleasesView.RenderOneAsync(request, int.Parse(Route(request, "number"), CultureInfo.InvariantCulture)));
        View(app, "/rollouts", request => RolloutsView.RenderAsync(request, _traffic));
        View(app, "/nodes", NodesView.RenderAsync);
        View(app, "/events", EventsView.RenderAsync);
        View(app, "/objects/{resource}/{ns}/{name}", request => ObjectView.RenderAsync(request,
            Route(request, "resource"), Route(request, "ns"), Route(request, "name")));
        View(app, "/pods/{ns}/{name}/logs", request => PodLogsView.RenderAsync(request, Route(request, "ns"), Route(request, "name")));
        app.MapGet("/pods/{ns}/{name}/logs/stream", (HttpContext context, string ns, string name) => PodLogsView.StreamAsync(_settings, context, ns, name));
        View(app, "/commits/{sha}", request => Task.FromResult(CommitView.Render(request, Route(request, "sha"))));
        View(app, "/login", request => Task.FromResult(LoginView.Render(request, _sessions.LoginEnabled, failed: false)));
        app.MapPost("/login", (Func<HttpContext, Task<IResult>>)LogInAsync);
        Action(app, "/logout", (context, _, _) => { _sessions.LogOut(context); return Task.FromResult("logged out"); });
        Action(app, "/actions/sync", (_, session, form) => _actions.SyncAsync(session, CancellationToken.None));
        Action(app, "/actions/rollback", (_, session, form) => _actions.RollbackAsync(session, form["release"].ToString(), CancellationToken.None));
        Action(app, "/actions/rollout/{action}", (context, session, form) =>
            _actions.RolloutAsync(session, context.GetRouteValue("action")!.ToString()!, form["target"].ToString(), CancellationToken.None));
        Action(app, "/actions/node/{action}", (context, session, form) =>
            _actions.NodeAsync(session, context.GetRouteValue("action")!.ToString()!, form["node"].ToString(), CancellationToken.None));
    }

    private static string Route(ViewRequest request, string name) => request.Context.GetRouteValue(name)?.ToString() ?? "";

    private void View(WebApplication app, string pattern, Func<ViewRequest, Task<Page>> render) =>
        app.MapGet(pattern, async (HttpContext context) =>
        {
            var session = _sessions.Of(context);
            var request = new ViewRequest(_settings, context, session);
            Page page;
            try
            {
                page = await render(request);
            }
            catch (NotFoundException e)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                page = new Page("Not found", [], $"<h1>Not found</h1><p>{Html.E(e.Message)}</p>");
            }
            var part = context.Request.Headers[PartHeader] == "main";
            return Results.Content(part ? page.Main : Layout.Render(page, context.Request.Path, session, _sessions.LoginEnabled), "text/html; charset=utf-8");
        });

    /// <summary>
    /// A POST that changes something: refused with 401 without a login and 403 without the session's
    /// CSRF token, before anything is read or written. It answers with a page that says what was done or
    /// what went wrong, and links back.
    /// </summary>
    private void Action(WebApplication app, string pattern, Func<HttpContext, Session, IFormCollection, Task<string>> act) =>
        app.MapPost(pattern, async (HttpContext context) =>
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
            if (_sessions.Refusal(context, form, out var session) is { } refusal) return refusal;
            string outcome;
            var status = StatusCodes.Status200OK;
            try
            {
                outcome = await act(context, session!, form);
            }
            catch (Exception e) when (e is ArgumentException or NotFoundException or ConflictException or InvalidOperationException
                                          or Engine.Git.GitSourceException or GitOrch.Api.Serialization.ManifestException)
            {
                outcome = $"failed: {e.Message}";
                status = e is NotFoundException ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
            }
            var back = BackTo(context);
            var page = new Page("Done", [], $"<h1>{(status == StatusCodes.Status200OK ? "Done" : "Not done")}</h1><p role=\"status\" id=\"outcome\">{Html.E(outcome)}</p><p>{Html.Link(back, "Back")}</p>");
            return Results.Content(Layout.Render(page, back, _sessions.Of(context), _sessions.LoginEnabled), "text/html; charset=utf-8", statusCode: status);
        });

    private async Task<IResult> LogInAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        if (_sessions.LogIn(form["token"].ToString()) is not { } id)
        {
            var page = LoginView.Render(new ViewRequest(_settings, context, null), _sessions.LoginEnabled, failed: true);
            return Results.Content(Layout.Render(page, "/login", null, _sessions.LoginEnabled), "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
        }
        context.Response.Cookies.Append(Sessions.Cookie, id, Sessions.CookieOptions(context));
        return Results.Redirect("/", permanent: false);
    }

    /// <summary>The page the action came from, when the browser says so and it is this dashboard's; else the overview.</summary>
    private static string BackTo(HttpContext context) =>
        Uri.TryCreate(context.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer) && referer.Authority == context.Request.Host.Value
            ? referer.PathAndQuery
            : "/";

    public async ValueTask DisposeAsync()
    {
        await _feed.DisposeAsync();
        await _traffic.DisposeAsync();
    }
}
