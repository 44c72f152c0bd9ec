using System.Security.Cryptography;

namespace GitOrch.Store.Encryption;

/// <summary>
/// The AES-256 key that Secrets are encrypted with in the store: 32 random bytes, kept base64 in a private
/// file. <c>GITORCH_SECRETS_KEY_FILE</c> names it; the embedded store keeps its own beside the store file.
/// </summary>
public static class SecretsKey
{
    public const string EnvironmentVariable = "GITORCH_SECRETS_KEY_FILE";

    public static string? ConfiguredPath =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path ? path : null;

    /// <summary>Writes a new key file (mode 0600); refuses to replace one.</summary>
    public static void Create(string path)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var writer = new StreamWriter(file);
        writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    public static byte[] Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"secrets key {path}: {e.Message}");
        }
        try
        {
            var key = Convert.FromBase64String(text);
            return key.Length == 32 ? key : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new StoreUnavailableException($"secrets key {path}: expected 32 bytes in base64 (gitorch init writes one)");
        }
    }

    /// <summary>The embedded store's key, beside its file, made on first use.</summary>
    public static byte[] ForEmbedded(string storePath)
    {
        var path = ConfiguredPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath))!, Path.GetFileNameWithoutExtension(storePath) + ".secrets.key");
        if (!File.Exists(path))
        {
            try
            {
                Create(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first; use theirs.
            }
        }
        return Load(path);
    }
}
