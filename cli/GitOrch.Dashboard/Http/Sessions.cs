using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace GitOrch.Dashboard.Http;

/// <summary>A logged-in user, and the CSRF token every action form of theirs must carry.</summary>
internal sealed record Session(string User, string Csrf);

/// <summary>
/// Token logins: a right token gets a session cookie (HttpOnly, SameSite=Strict) and a CSRF token.
/// Sessions live in memory: a restarted server logs everyone out, which is what a rotated token wants too.
/// </summary>
internal sealed class Sessions(string? token)
{
    public const string Cookie = "gitorch_session";

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public bool LoginEnabled => token is not null;

    /// <summary>A new session when the token is right; null otherwise, in time that does not depend on how much of it was right.</summary>
    public string? LogIn(string offered)
    {
        if (token is null || !CryptographicOperations.FixedTimeEquals(Hash(offered), Hash(token))) return null;
        var id = RandomToken();
        _sessions[id] = new Session(DashboardSettings.TokenUser, RandomToken());
        return id;
    }

    public Session? Of(HttpContext context) =>
        context.Request.Cookies.TryGetValue(Cookie, out var id) && id is not null && _sessions.TryGetValue(id, out var session) ? session : null;

    public void LogOut(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(Cookie, out var id) && id is not null) _sessions.TryRemove(id, out _);
        context.Response.Cookies.Delete(Cookie);
    }

    /// <summary>401 without a session, 403 when the form's CSRF token is not the session's; null when the action may go on.</summary>
    public IResult? Refusal(HttpContext context, IFormCollection form, out Session? session)
    {
        session = Of(context);
        if (session is null) return Results.Text("log in first: actions need the dashboard token", statusCode: StatusCodes.Status401Unauthorized);
        var offered = form["csrf"].ToString();
        return CryptographicOperations.FixedTimeEquals(Hash(offered), Hash(session.Csrf))
            ? null
            : Results.Text("the form's CSRF token is missing or wrong; reload the page", statusCode: StatusCodes.Status403Forbidden);
    }

    public static CookieOptions CookieOptions(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
    };

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static string RandomToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
