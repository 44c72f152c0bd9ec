using GitOrch.Engine.Security;

namespace GitOrch.Engine.Tests;

/// <summary>Join tokens: only the hash of the secret is kept, and expired, used, revoked or unknown tokens are refused with the reason.</summary>
public sealed class JoinTokensTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("gitorch-tokens-");
    private JoinTokens Tokens => new(_directory.FullName);

    [Fact]
    public void AToken_RedeemsUntilItExpires_AndItsSecretIsNotKept()
    {
        var token = Tokens.Create(TimeSpan.FromHours(1), singleUse: false, "ci", Now);

        Assert.Matches("^[a-z0-9]{6}\\.[a-z0-9]{16}$", token);
        Assert.Equal(token[..6], Tokens.Redeem(token, Now.AddMinutes(59)).Id);
        Assert.Equal(token[..6], Tokens.Redeem(token, Now.AddMinutes(59)).Id);
        Assert.DoesNotContain(token[7..], File.ReadAllText(Path.Combine(_directory.FullName, token[..6] + ".json")));
        var expired = Assert.Throws<JoinRefusedException>(() => Tokens.Redeem(token, Now.AddHours(1)));
        Assert.Equal($"join token {token[..6]} is expired (since 2026-12-03 09:00:00Z); make another with gitorch token create", expired.Message);
    }

    [Fact]
    public void ASingleUseToken_IsUsedUpByItsFirstRedemption()
    {
        var token = Tokens.Create(JoinTokens.DefaultLifetime, singleUse: true, null, Now);

        Tokens.Redeem(token, Now);

        Assert.Contains("is used", Assert.Throws<JoinRefusedException>(() => Tokens.Redeem(token, Now)).Message);
    }

    [Fact]
    public void ARevokedToken_AndAWrongSecret_AreRefused()
    {
        var token = Tokens.Create(JoinTokens.DefaultLifetime, singleUse: false, null, Now);

        Assert.Equal("the join token is not known to this cluster", Assert.Throws<JoinRefusedException>(() => Tokens.Redeem(token[..7] + new string('a', 16), Now)).Message);
        Tokens.Revoke(token[..6]);
        Assert.Contains("is revoked", Assert.Throws<JoinRefusedException>(() => Tokens.Redeem(token, Now)).Message);
        Assert.Equal("revoked", Assert.Single(Tokens.List()).State(Now));
        Assert.Throws<ArgumentException>(() => Tokens.Revoke("zzzzzz"));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
