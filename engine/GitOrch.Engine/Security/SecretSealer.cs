using System.Security.Cryptography;
using System.Text;
using GitOrch.Api.Model;

namespace GitOrch.Engine.Security;

/// <summary>
/// Seals a Secret's values to the cluster's public key, and opens them with its private key. Each value
/// gets its own ephemeral ECDH key; the shared secret, through SHA-256, keys AES-256-GCM, whose
/// associated data is the value's namespace, name and key, so a value opens only where it was sealed for.
/// A sealed value is base64 of: version (1), the ephemeral public key's length (2, big-endian) and DER,
/// nonce (12), tag (16), ciphertext.
/// </summary>
public static class SecretSealer
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] KeyContext = "gitorch-seal-v1"u8.ToArray();

    public static SealedSecret Seal(Secret secret, ECDiffieHellman clusterKey)
    {
        var ns = secret.Namespace ?? WellKnown.DefaultNamespace;
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, base64) in secret.Data ?? [])
            values[key] = DecodeData(secret, key, base64);
        foreach (var (key, text) in secret.StringData ?? [])
            values[key] = Encoding.UTF8.GetBytes(text);
        return new SealedSecret
        {
            ApiVersion = Kinds.SealedSecret.ApiVersion,
            Kind = Kinds.SealedSecret.Kind,
            Metadata = new ObjectMeta { Name = secret.Name, Namespace = ns },
            Spec = new SealedSecretSpec
            {
                EncryptedData = values.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                    .ToDictionary(pair => pair.Key, pair => SealValue(pair.Value, Binding(ns, secret.Name, pair.Key), clusterKey)),
                Template = new SealedSecretTemplate { Type = secret.Type, Labels = secret.Metadata.Labels, Annotations = secret.Metadata.Annotations },
            },
        };
    }

    public static Secret Open(SealedSecret sealedSecret, ECDiffieHellman clusterKey)
    {
        var ns = sealedSecret.Namespace ?? WellKnown.DefaultNamespace;
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in sealedSecret.Spec.EncryptedData)
            data[key] = Convert.ToBase64String(OpenValue(value, Binding(ns, sealedSecret.Name, key), clusterKey)
                ?? throw new SealingException($"SealedSecret {ns}/{sealedSecret.Name}: the value of \"{key}\" does not open: it was sealed for another Secret, or to another cluster's key"));
        var template = sealedSecret.Spec.Template;
        return new Secret
        {
            ApiVersion = Kinds.Secret.ApiVersion,
            Kind = Kinds.Secret.Kind,
            Metadata = sealedSecret.Metadata with
            {
                Labels = Merge(sealedSecret.Metadata.Labels, template?.Labels),
                Annotations = Merge(sealedSecret.Metadata.Annotations, template?.Annotations),
            },
            Type = template?.Type,
            Data = data,
        };
    }

    private static byte[] Binding(string ns, string name, string key) => Encoding.UTF8.GetBytes($"{ns}/{name}/{key}");

    private static string SealValue(byte[] plaintext, byte[] binding, ECDiffieHellman clusterKey)
    {
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = ephemeral.ExportSubjectPublicKeyInfo();
        var aesKey = ephemeral.DeriveKeyFromHash(clusterKey.PublicKey, HashAlgorithmName.SHA256, KeyContext, null);
        var sealedBytes = new byte[1 + 2 + publicKey.Length + NonceSize + TagSize + plaintext.Length];
        sealedBytes[0] = Version;
        sealedBytes[1] = (byte)(publicKey.Length >> 8);
        sealedBytes[2] = (byte)publicKey.Length;
        publicKey.CopyTo(sealedBytes, 3);
        var rest = sealedBytes.AsSpan(3 + publicKey.Length);
        RandomNumberGenerator.Fill(rest[..NonceSize]);
        using var aes = new AesGcm(aesKey, TagSize);
        aes.Encrypt(rest[..NonceSize], plaintext, rest[(NonceSize + TagSize)..], rest.Slice(NonceSize, TagSize), binding);
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plaintext, or null when the value does not open with this key and binding.</summary>
    private static byte[]? OpenValue(string value, byte[] binding, ECDiffieHellman clusterKey)
    {
        try
        {
            var bytes = Convert.FromBase64String(value);
            if (bytes.Length < 3 || bytes[0] != Version) return null;
            var keyLength = (bytes[1] << 8) | bytes[2];
            if (bytes.Length < 3 + keyLength + NonceSize + TagSize) return null;
            using var ephemeral = ECDiffieHellman.Create();
            ephemeral.ImportSubjectPublicKeyInfo(bytes.AsSpan(3, keyLength), out _);
            var aesKey = clusterKey.DeriveKeyFromHash(ephemeral.PublicKey, HashAlgorithmName.SHA256, KeyContext, null);
            var rest = bytes.AsSpan(3 + keyLength);
            var plaintext = new byte[rest.Length - NonceSize - TagSize];
            using var aes = new AesGcm(aesKey, TagSize);
            aes.Decrypt(rest[..NonceSize], rest[(NonceSize + TagSize)..], rest.Slice(NonceSize, TagSize), plaintext, binding);
            return plaintext;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    private static byte[] DecodeData(Secret secret, string key, string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new SealingException($"Secret {secret.Name}: data \"{key}\" is not base64 (put plain text under stringData)");
        }
    }

    private static Dictionary<string, string>? Merge(Dictionary<string, string>? first, Dictionary<string, string>? second) =>
        first is null && second is null ? null : new Dictionary<string, string>((first ?? []).Concat(second ?? []).DistinctBy(pair => pair.Key));
}
