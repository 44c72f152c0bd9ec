using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace GitOrch.Cli;

/// <summary>
/// Checks that a push hook comes from the Git host that knows the shared secret: GitHub signs the body
/// with HMAC-SHA256 in <c>X-Hub-Signature-256</c>, GitLab sends the secret itself in <c>X-Gitlab-Token</c>.
/// </summary>
public static class WebhookSignature
{
    public const string GitHubHeader = "X-Hub-Signature-256";
    public const string GitLabHeader = "X-Gitlab-Token";

    /// <summary>Null when the request proves it knows the secret; otherwise why not.</summary>
    public static string? Problem(IHeaderDictionary headers, byte[] body, byte[] secret)
    {
        if (headers.TryGetValue(GitHubHeader, out var signature))
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));
            return FixedTimeEquals(signature.ToString(), expected) ? null : $"{GitHubHeader} does not match the body";
        }
        if (headers.TryGetValue(GitLabHeader, out var token))
            return FixedTimeEquals(token.ToString(), Encoding.UTF8.GetString(secret)) ? null : $"{GitLabHeader} is not the secret";
        return $"no {GitHubHeader} or {GitLabHeader} header";
    }

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
