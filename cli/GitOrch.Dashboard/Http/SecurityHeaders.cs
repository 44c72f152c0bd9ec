using Microsoft.AspNetCore.Http;

namespace GitOrch.Dashboard.Http;

/// <summary>Headers on every answer: scripts and styles only from the dashboard itself, no framing, no sniffing, and no address sent to other sites.</summary>
internal static class SecurityHeaders
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
                                  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static Task Add(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next();
    }
}
