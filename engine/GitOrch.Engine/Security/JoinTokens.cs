using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GitOrch.Store;

namespace GitOrch.Engine.Security;

/// <summary>
/// The tokens that let a machine join, kept in the cluster directory as kubeadm keeps its bootstrap
/// tokens: <c>ID.SECRET</c>, six and sixteen characters of <c>[a-z0-9]</c>. Only the secret's SHA-256
/// is kept. A token expires (24 hours by default), can be single-use, and can be revoked.
/// </summary>
public sealed partial class JoinTokens(string directory)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public sealed record Token(string Id, string SecretHash, DateTimeOffset Expires, bool SingleUse, bool Used, bool Revoked, string? Description)
    {
        public string State(DateTimeOffset now) => Revoked ? "revoked" : Used ? "used" : now >= Expires ? "expired" : "valid";
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Makes a token and returns it in full; this is the only time its secret is seen.</summary>
    public string Create(TimeSpan lifetime, bool singleUse, string? description, DateTimeOffset now)
    {
        if (lifetime <= TimeSpan.Zero) throw new ArgumentException("--ttl must be longer than zero");
        Directory.CreateDirectory(directory);
        var (id, secret) = (RandomString(6), RandomString(16));
        Save(new Token(id, Hash(secret), now + lifetime, singleUse, Used: false, Revoked: false, description));
        return $"{id}.{secret}";
    }

    public IReadOnlyList<Token> List() =>
        Directory.Exists(directory) ? [.. Directory.GetFiles(directory, "*.json").Select(Read).OrderBy(token => token.Expires)] : [];

    public void Revoke(string id)
    {
        var token = Find(id) ?? throw new ArgumentException($"no join token {id}");
        Save(token with { Revoked = true });
    }

    /// <summary>Checks a token a machine presents and, for a single-use one, uses it up; the message says why one is refused.</summary>
    public Token Redeem(string presented, DateTimeOffset now)
    {
        var match = Shape().Match(presented);
        var token = match.Success ? Find(match.Groups["id"].Value) : null;
        if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.SecretHash), Encoding.ASCII.GetBytes(Hash(match.Groups["secret"].Value))))
            throw new JoinRefusedException("the join token is not known to this cluster");
        if (token.State(now) is not "valid" and var state)
            throw new JoinRefusedException($"join token {token.Id} is {state}{(state == "expired" ? $" (since {token.Expires:u})" : "")}; make another with gitorch token create");
        if (token.SingleUse) Save(token with { Used = true });
        return token;
    }

    private Token? Find(string id) => IdShape().IsMatch(id) && File.Exists(PathOf(id)) ? Read(PathOf(id)) : null;

    private string PathOf(string id) => Path.Combine(directory, $"{id}.json");

    private static Token Read(string path) => JsonSerializer.Deserialize<Token>(File.ReadAllText(path), Json)!;

    private void Save(Token token) => PrivateFile.Write(PathOf(token.Id), JsonSerializer.Serialize(token, Json));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    private static string RandomString(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    [GeneratedRegex("^(?<id>[a-z0-9]{6})\\.(?<secret>[a-z0-9]{16})$")]
    private static partial Regex Shape();

    [GeneratedRegex("^[a-z0-9]{6}$")]
    private static partial Regex IdShape();
}

/// <summary>A machine may not join: a token that is unknown, expired, used or revoked, or a node name taken.</summary>
public sealed class JoinRefusedException(string message) : Exception(message);
