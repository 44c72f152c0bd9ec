using System.Security.Cryptography;
using GitOrch.Store;

namespace GitOrch.Engine.Security;

/// <summary>
/// The cluster's sealing key pair: an ECDH P-256 key whose public half <c>gitorch seal</c> encrypts
/// Secrets to, and whose private half (PEM, mode 0600) the sync opens them with.
/// <c>GITORCH_SEALING_KEY_FILE</c> names the private key; without it, the file is <c>sealing.key</c> in
/// GitOrch's home, made on first use, as <c>up</c> needs.
/// </summary>
public static class SealingKey
{
    public const string EnvironmentVariable = "GITORCH_SEALING_KEY_FILE";

    public static string DefaultPath =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path ? path : Path.Combine(StoreLocator.Home, "sealing.key");

    /// <summary>Writes a new private key (mode 0600) and its public key beside it (<c>.pub</c>); false, and nothing written, when a private key is there already.</summary>
    public static bool TryCreate(string path)
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!PrivateFile.TryCreate(path, key.ExportPkcs8PrivateKeyPem())) return false;
        File.WriteAllText(PublicPath(path), key.ExportSubjectPublicKeyInfoPem());
        return true;
    }

    /// <summary>As <see cref="TryCreate"/>, refusing to replace a key.</summary>
    public static void Create(string path)
    {
        if (!TryCreate(path)) throw new IOException($"{path} exists already");
    }

    public static string PublicPath(string privatePath) => Path.ChangeExtension(privatePath, ".pub");

    /// <summary>The private key at <paramref name="path"/>; with <paramref name="createIfMissing"/>, a new one when there is none.</summary>
    public static ECDiffieHellman LoadPrivate(string path, bool createIfMissing = false)
    {
        if (createIfMissing) TryCreate(path); // another process may have made it first: then theirs is used
        return Import(path, "private");
    }

    /// <summary>A public key file (<c>.pub</c>), or the public half of a private key file.</summary>
    public static ECDiffieHellman LoadPublic(string path) => Import(path, "public");

    private static ECDiffieHellman Import(string path, string what)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SealingException($"sealing key {path}: {e.Message}");
        }
        var key = ECDiffieHellman.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new SealingException($"sealing key {path}: not a {what} P-256 key in PEM (gitorch init writes sealing.key and sealing.pub)");
        }
    }
}

/// <summary>A sealed value could not be made or opened; the message names the Secret, or the key file.</summary>
public sealed class SealingException(string message) : Exception(message);
