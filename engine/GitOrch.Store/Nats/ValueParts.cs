using System.Globalization;
using System.Text;
using NATS.Client.KeyValueStore;

namespace GitOrch.Store.Nats;

/// <summary>
/// Values bigger than one NATS message can carry (1 MB by default), such as the object index of a
/// release of 10,000 objects: the bytes go to part keys <c>_parts.KEY.ID.N</c> first, and the key
/// itself holds a short head that names them, so a compare-and-swap on the key still decides which
/// write wins. Each write has its own ID; a losing write deletes its parts, a winning one the older ones.
/// </summary>
internal static class ValueParts
{
    public const int MaxInline = 512 * 1024;
    private const string PartPrefix = "_parts.";
    private static readonly byte[] HeadMarker = "gitorch-parts "u8.ToArray();

    private sealed record Head(string Id, int Count);

    /// <summary>Writes the value's parts and returns the head to store at the key in its place.</summary>
    public static async Task<(byte[] Head, string Id)> WritePartsAsync(INatsKVStore bucket, string key, byte[] value, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var count = (value.Length + MaxInline - 1) / MaxInline;
        for (var i = 0; i < count; i++)
            await bucket.PutAsync(PartKey(key, id, i), value.AsSpan(i * MaxInline, Math.Min(MaxInline, value.Length - i * MaxInline)).ToArray(), cancellationToken: cancellationToken);
        return ([.. HeadMarker, .. Encoding.ASCII.GetBytes($"{id} {count}")], id);
    }

    /// <summary>
    /// The value a stored entry stands for: itself, or the parts its head names, joined. Null when a part
    /// is gone, because a newer write replaced the value after this head was read.
    /// </summary>
    public static async Task<byte[]?> TryResolveAsync(INatsKVStore bucket, string key, byte[] stored, CancellationToken cancellationToken)
    {
        if (ParseHead(stored) is not { } head) return stored;
        var joined = new List<byte>();
        for (var i = 0; i < head.Count; i++)
        {
            var part = await bucket.TryGetEntryAsync<byte[]>(PartKey(key, head.Id, i), cancellationToken: cancellationToken);
            if (!part.Success) return null;
            joined.AddRange(part.Value.Value ?? []);
        }
        return [.. joined];
    }

    /// <summary>Deletes the key's parts whose write ID <paramref name="delete"/> picks: a losing write's own, or the ones a winner replaced.</summary>
    public static async Task DeletePartsAsync(INatsKVStore bucket, string key, Func<string, bool> delete, CancellationToken cancellationToken)
    {
        var prefix = $"{PartPrefix}{key}.";
        var stale = new List<string>();
        await foreach (var partKey in bucket.GetKeysAsync([prefix + ">"], cancellationToken: cancellationToken))
            if (delete(partKey[prefix.Length..].Split('.')[0]))
                stale.Add(partKey);
        foreach (var partKey in stale)
            await bucket.PurgeAsync(partKey, cancellationToken: cancellationToken);
    }

    public static bool IsHead(byte[] stored) => ParseHead(stored) is not null;

    private static Head? ParseHead(byte[] stored)
    {
        if (!stored.AsSpan().StartsWith(HeadMarker)) return null;
        var fields = Encoding.ASCII.GetString(stored, HeadMarker.Length, stored.Length - HeadMarker.Length).Split(' ');
        return new Head(fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    private static string PartKey(string key, string id, int index) => $"{PartPrefix}{key}.{id}.{index.ToString(CultureInfo.InvariantCulture)}";
}
