using System.Security.Cryptography;

namespace GitOrch.Store.Encryption;

/// <summary>
/// The AES-256 keys that Secrets are encrypted with in the store: 32 random bytes each, kept base64 in a
/// private file, one per line, the current key first (see <see cref="SecretsKeyRing"/>).
/// <c>GITORCH_SECRETS_KEY_FILE</c> names it; the embedded store keeps its own beside the store file.
/// </summary>
public static class SecretsKey
{
    public const string EnvironmentVariable = "GITORCH_SECRETS_KEY_FILE";

    public static string? ConfiguredPath =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path ? path : null;

    /// <summary>Writes a new key file (mode 0600); refuses to replace one.</summary>
    public static void Create(string path)
    {
        if (!TryCreate(path))
            throw new IOException($"{path} exists already");
    }

    /// <summary>Puts a new current key at the top of the file, keeping the others for reading, and returns the ring.</summary>
    public static SecretsKeyRing Rotate(string path)
    {
        var lines = new[] { NewKey() }.Concat(Load(path).All.Select(Convert.ToBase64String));
        PrivateFile.Write(path, string.Join("\n", lines) + "\n");
        return Load(path);
    }

    public static SecretsKeyRing Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"secrets key {path}: {e.Message}");
        }
        try
        {
            var keys = lines.Select(Convert.FromBase64String).ToList();
            return keys.Count > 0 && keys.All(key => key.Length == 32) ? new SecretsKeyRing(keys, path) : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new StoreUnavailableException($"secrets key {path}: expected lines of 32 bytes in base64 (gitorch init writes one)");
        }
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Writes a file with one new key, unless one exists; false then.</summary>
    private static bool TryCreate(string path) => PrivateFile.TryCreate(path, NewKey() + "\n");

    /// <summary>Where the embedded store's key file is: beside the store file, unless the variable names one.</summary>
    public static string EmbeddedPath(string storePath) =>
        ConfiguredPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath))!, Path.GetFileNameWithoutExtension(storePath) + ".secrets.key");

    /// <summary>The embedded store's keys, beside its file, made on first use.</summary>
    public static SecretsKeyRing ForEmbedded(string storePath)
    {
        var path = EmbeddedPath(storePath);
        TryCreate(path); // another process may have made it first: then theirs is used
        return Load(path);
    }
}
