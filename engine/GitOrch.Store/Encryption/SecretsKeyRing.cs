namespace GitOrch.Store.Encryption;

/// <summary>
/// The secrets keys in use: the first encrypts, and every one decrypts, so values written before a
/// rotation stay readable. A ring read from a file can read it again, which is how a running part
/// picks up a key that <c>gitorch secrets rotate-key</c> added.
/// </summary>
public sealed class SecretsKeyRing
{
    private volatile IReadOnlyList<byte[]> _keys;

    public SecretsKeyRing(IReadOnlyList<byte[]> keys, string? path = null)
    {
        _keys = keys.Count > 0 ? keys : throw new ArgumentException("a key ring needs at least one key");
        Path = path;
    }

    public string? Path { get; }

    public byte[] Current => _keys[0];

    public IReadOnlyList<byte[]> All => _keys;

    /// <summary>Reads the file again; false when the ring has no file or the file holds the same keys.</summary>
    public bool Reload()
    {
        if (Path is null) return false;
        var keys = SecretsKey.Load(Path).All;
        if (keys.Count == _keys.Count && keys.Zip(_keys).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second))) return false;
        _keys = keys;
        return true;
    }
}
