using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace GitOrch.Cli.Tests;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Secret = "s3cret"u8.ToArray();
    private static readonly byte[] Body = "{\"ref\":\"refs/heads/main\"}"u8.ToArray();

    private static string? Check(string header, string value) =>
        WebhookSignature.Problem(new HeaderDictionary { [header] = value }, Body, Secret);

    [Fact]
    public void GitHubsSignatureOfTheBody_Passes_AndOneOfAnotherBodyOrSecretFails()
    {
        var signed = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Secret, Body));
        var otherSecret = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("guess"u8.ToArray(), Body));

        Assert.Null(Check(WebhookSignature.GitHubHeader, signed));
        Assert.Equal("X-Hub-Signature-256 does not match the body", Check(WebhookSignature.GitHubHeader, otherSecret));
        Assert.NotNull(WebhookSignature.Problem(new HeaderDictionary { [WebhookSignature.GitHubHeader] = signed }, Encoding.UTF8.GetBytes("{}"), Secret));
    }

    [Fact]
    public void GitLabsToken_MustBeTheSecret_AndAHookWithNeitherHeaderFails()
    {
        Assert.Null(Check(WebhookSignature.GitLabHeader, "s3cret"));
        Assert.Equal("X-Gitlab-Token is not the secret", Check(WebhookSignature.GitLabHeader, "s3cre"));
        Assert.Equal("no X-Hub-Signature-256 or X-Gitlab-Token header", WebhookSignature.Problem(new HeaderDictionary(), Body, Secret));
    }
}
