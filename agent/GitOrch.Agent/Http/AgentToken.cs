using System.Security.Cryptography;
using System.Text;
using GitOrch.Store;

namespace GitOrch.Agent.Http;

/// <summary>
/// The secret a caller of the agent's logs and exec must present. Each agent start writes a new random
/// token to <c>agents/NODE.token</c> in gitorch's home, readable by the agent's user alone (and so by
/// root); the CLI, run as that user, reads it from there. Anyone else gets 401 and nothing runs.
/// </summary>
public static class AgentToken
{
    public const string Scheme = "Bearer";

    public static string PathFor(string nodeName) => Path.Combine(StoreLocator.Home, "agents", $"{Path.GetFileName(nodeName)}.token");

    /// <summary>Makes a new token and writes it so that only this user can read it, replacing any earlier one in one rename.</summary>
    public static string Create(string nodeName)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var path = PathFor(nodeName);
        var directory = Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        PrivateFile.Write(path, token);
        return token;
    }

    /// <summary>The token of a node's agent, or null when this user cannot read it.</summary>
    public static string? TryRead(string nodeName)
    {
        try
        {
            return File.ReadAllText(PathFor(nodeName)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether an Authorization header carries the token, compared in constant time.</summary>
    public static bool Matches(string? authorization, string token)
    {
        var prefix = Scheme + " ";
        if (authorization is null || !authorization.StartsWith(prefix, StringComparison.Ordinal)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(authorization[prefix.Length..]), Encoding.ASCII.GetBytes(token));
    }
}
