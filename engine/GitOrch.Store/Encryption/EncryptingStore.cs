using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace GitOrch.Store.Encryption;

/// <summary>
/// Encrypts, with AES-256-GCM, every stored value that holds a Secret: the Secret itself, and release
/// snapshots and journals that copy it. The bucket and key are the associated data, so a value copied to
/// another key does not decrypt. Values without the marker are read as they are, so a store written
/// before encryption was turned on stays readable. Values encrypt with the ring's current key and
/// decrypt with any of its keys; one that none opens makes the ring read its file again, once.
/// </summary>
public sealed class EncryptingStore(IObjectStore inner, SecretsKeyRing keys) : IObjectStore
{
    private static readonly byte[] Marker = "gitorch-aesgcm1:"u8.ToArray();
    private static readonly byte[] SecretKind = "\"kind\":\"Secret\""u8.ToArray();
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Description => inner.Description;

    public async Task<StoreEntry?> GetAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        await inner.GetAsync(bucket, key, cancellationToken) is { } entry ? Decrypted(bucket, entry) : null;

    public async Task<IReadOnlyList<StoreEntry>> ListAsync(string bucket, string prefix, CancellationToken cancellationToken = default) =>
        [.. (await inner.ListAsync(bucket, prefix, cancellationToken)).Select(entry => Decrypted(bucket, entry))];

    public Task<IReadOnlyDictionary<string, long>> ListRevisionsAsync(string bucket, string prefix, CancellationToken cancellationToken = default) =>
        inner.ListRevisionsAsync(bucket, prefix, cancellationToken);

    public Task<long> CreateAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(bucket, key, Encrypted(bucket, key, value), cancellationToken);

    public Task<long> UpdateAsync(string bucket, string key, byte[] value, long expectedRevision, CancellationToken cancellationToken = default) =>
        inner.UpdateAsync(bucket, key, Encrypted(bucket, key, value), expectedRevision, cancellationToken);

    public Task<long> PutAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) =>
        inner.PutAsync(bucket, key, Encrypted(bucket, key, value), cancellationToken);

    public Task DeleteAsync(string bucket, string key, long? expectedRevision = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(bucket, key, expectedRevision, cancellationToken);

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string bucket, string prefix, long fromRevision,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var change in inner.WatchAsync(bucket, prefix, fromRevision, cancellationToken))
            yield return change.Value is null ? change : change with { Value = Decrypt(bucket, change.Key, change.Value) };
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public static bool IsEncrypted(ReadOnlySpan<byte> value) => value.StartsWith(Marker);

    /// <summary>Whether the value holds a Secret, and so is kept encrypted.</summary>
    public static bool HoldsSecret(ReadOnlySpan<byte> value) => value.IndexOf(SecretKind) >= 0;

    private byte[] Encrypted(string bucket, string storeKey, byte[] value)
    {
        if (!HoldsSecret(value)) return value;
        var sealedValue = new byte[Marker.Length + NonceSize + value.Length + TagSize];
        Marker.CopyTo(sealedValue, 0);
        var nonce = sealedValue.AsSpan(Marker.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.Current, TagSize);
        aes.Encrypt(nonce, value, sealedValue.AsSpan(Marker.Length + NonceSize, value.Length), sealedValue.AsSpan(sealedValue.Length - TagSize), AssociatedData(bucket, storeKey));
        return sealedValue;
    }

    private StoreEntry Decrypted(string bucket, StoreEntry entry) => entry with { Value = Decrypt(bucket, entry.Key, entry.Value) };

    private byte[] Decrypt(string bucket, string storeKey, byte[] value)
    {
        if (!IsEncrypted(value)) return value;
        var body = value.AsSpan(Marker.Length);
        if (body.Length < NonceSize + TagSize) throw Undecryptable(bucket, storeKey);
        var plain = new byte[body.Length - NonceSize - TagSize];
        var associated = AssociatedData(bucket, storeKey);
        if (TryDecrypt(keys.All, body, plain, associated) || (keys.Reload() && TryDecrypt(keys.All, body, plain, associated)))
            return plain;
        throw Undecryptable(bucket, storeKey);
    }

    private static bool TryDecrypt(IReadOnlyList<byte[]> ring, ReadOnlySpan<byte> body, byte[] plain, byte[] associated)
    {
        foreach (var key in ring)
            if (TryDecrypt(key, body, plain, associated)) return true;
        return false;
    }

    private static bool TryDecrypt(byte[] key, ReadOnlySpan<byte> body, byte[] plain, byte[] associated)
    {
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(body[..NonceSize], body[NonceSize..^TagSize], body[^TagSize..], plain, associated);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private static StoreUnavailableException Undecryptable(string bucket, string storeKey) =>
        new($"{bucket}/{storeKey} does not decrypt with any of these secrets keys: it was written with another key, or copied from another key");

    private static byte[] AssociatedData(string bucket, string storeKey) => Encoding.UTF8.GetBytes($"{bucket}/{storeKey}");
}
