using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOrch.Engine.Charts.Repositories;

/// <summary>
/// GETs from chart repositories and registries with the release's credentials: sent as Basic
/// authentication, or traded for a bearer token when the server answers with a Bearer challenge, as
/// OCI registries do (anonymous pulls get their token the same way, without credentials).
/// </summary>
internal sealed class RepositoryHttp(HttpClient http)
{
    public byte[] Get(Uri url, ChartSource source, string? accept = null)
    {
        var basic = source.Credentials is { } credentials
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")))
            : null;
        using var first = Send(url, source, accept, basic);
        if (first.StatusCode == HttpStatusCode.Unauthorized && first.Headers.WwwAuthenticate.FirstOrDefault(IsBearer) is { } challenge)
        {
            using var retried = Send(url, source, accept, new AuthenticationHeaderValue("Bearer", Token(challenge, source, basic)));
            return Body(retried, url, source);
        }
        return Body(first, url, source);
    }

    private static bool IsBearer(AuthenticationHeaderValue challenge) => challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    /// <summary>A token from the challenge's realm for its service and scope.</summary>
    private string Token(AuthenticationHeaderValue challenge, ChartSource source, AuthenticationHeaderValue? basic)
    {
        var parameters = ChallengeParameters(challenge.Parameter ?? "");
        if (!parameters.TryGetValue("realm", out var realm))
            throw new ChartRepositoryException($"{source.Repository}: the registry asked for a bearer token but named no realm");
        var query = string.Join('&', parameters.Where(parameter => parameter.Key is "service" or "scope")
            .Select(parameter => $"{parameter.Key}={Uri.EscapeDataString(parameter.Value)}"));
        var tokenUrl = new Uri(query.Length == 0 ? realm : $"{realm}{(realm.Contains('?') ? '&' : '?')}{query}");
        using var response = Send(tokenUrl, source, accept: null, basic);
        var answer = JsonNode.Parse(Body(response, tokenUrl, source)) as JsonObject;
        return (answer?["token"] ?? answer?["access_token"])?.ToString()
               ?? throw new ChartRepositoryException($"{source.Repository}: the token service at {realm} answered without a token");
    }

    /// <summary>The key="value" pairs of a WWW-Authenticate challenge.</summary>
    private static Dictionary<string, string> ChallengeParameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        while (position < text.Length)
        {
            var equals = text.IndexOf('=', position);
            if (equals < 0) break;
            var key = text[position..equals].Trim(' ', ',');
            string value;
            if (equals + 1 < text.Length && text[equals + 1] == '"')
            {
                var close = text.IndexOf('"', equals + 2);
                if (close < 0) close = text.Length;
                value = text[(equals + 2)..close];
                position = close + 1;
            }
            else
            {
                var comma = text.IndexOf(',', equals);
                if (comma < 0) comma = text.Length;
                value = text[(equals + 1)..comma];
                position = comma + 1;
            }
            parameters[key] = value;
        }
        return parameters;
    }

    private HttpResponseMessage Send(Uri url, ChartSource source, string? accept, AuthenticationHeaderValue? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        request.Headers.Authorization = authorization;
        try
        {
            return http.Send(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new ChartRepositoryException($"{source.Repository}: GET {url} failed: {e.Message}", unreachable: true);
        }
    }

    private static byte[] Body(HttpResponseMessage response, Uri url, ChartSource source)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new ChartRepositoryException(source.Credentials is null
                ? $"{source.Repository}: GET {url} answered 401 Unauthorized; name a Secret with the repository's username and password in spec.credentialsSecret"
                : $"{source.Repository}: GET {url} answered 401 Unauthorized; the credentials in spec.credentialsSecret were refused");
        if (!response.IsSuccessStatusCode)
            throw new ChartRepositoryException($"{source.Repository}: GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}",
                unreachable: (int)response.StatusCode >= 500);
        try
        {
            using var body = response.Content.ReadAsStream();
            using var bytes = new MemoryStream();
            body.CopyTo(bytes);
            return bytes.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new ChartRepositoryException($"{source.Repository}: GET {url} failed: {e.Message}", unreachable: true);
        }
    }
}
