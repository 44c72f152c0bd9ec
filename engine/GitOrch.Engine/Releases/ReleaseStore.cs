using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.Engine.Releases;

/// <summary>
/// Releases in the meta bucket. Objects are stored once per content hash, so a release that changes one
/// object of five thousand adds one object; rollback reads them back without needing Git.
/// </summary>
public sealed class ReleaseStore(IObjectStore store)
{
    private const string ReleasePrefix = "release.";
    private const string ObjectsPrefix = "release-objects.";
    private const string FailedPrefix = "release-failed.";
    private const string BlobPrefix = "object.";
    private const string LatestKey = "sync.last-applied";
    private readonly ConcurrentDictionary<string, KubeObject> _blobs = new(StringComparer.Ordinal);

    public IObjectStore Store => store;

    /// <summary>Objects are immutable, and unchanged declarations are the same instances from one commit to the next, so each is hashed once.</summary>
    private static readonly ConditionalWeakTable<KubeObject, string> Hashes = new();

    public static string Hash(KubeObject obj) =>
        Hashes.GetValue(obj, key => Convert.ToHexStringLower(SHA256.HashData(ObjectJson.ToBytes(key)))[..40]);

    /// <summary>The latest release and the revision of its pointer, which a concurrent apply would move.</summary>
    public async Task<(Release? Release, long Revision)> LatestAsync(CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(Buckets.Meta, LatestKey, cancellationToken);
        return entry is null ? (null, 0) : (ObjectJson.FromBytes<Release>(entry.Value), entry.Revision);
    }

    public async Task<Release?> GetAsync(int number, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(Buckets.Meta, ReleasePrefix + Number(number), cancellationToken);
        return entry is null ? null : ObjectJson.FromBytes<Release>(entry.Value);
    }

    public async Task<IReadOnlyList<Release>> ListAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(Buckets.Meta, ReleasePrefix, cancellationToken))
        .Select(entry => ObjectJson.FromBytes<Release>(entry.Value))
        .OrderBy(release => release.Number)
        .ToList();

    /// <summary>The syncs a hook or a wave stopped, oldest first.</summary>
    public async Task<IReadOnlyList<Release>> ListFailedAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(Buckets.Meta, FailedPrefix, cancellationToken))
        .Select(entry => ObjectJson.FromBytes<Release>(entry.Value))
        .OrderBy(release => release.AppliedAt)
        .ToList();

    /// <summary>Records a sync that failed, for the history; the latest release stays what it was.</summary>
    public Task RecordFailedAsync(Release failed, CancellationToken cancellationToken) =>
        store.PutAsync(Buckets.Meta, FailedPrefix + failed.AppliedAt.UtcTicks.ToString("D20", CultureInfo.InvariantCulture), ObjectJson.ToBytes(failed), cancellationToken);

    public async Task<ReleaseObjects> GetObjectIndexAsync(int number, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(Buckets.Meta, ObjectsPrefix + Number(number), cancellationToken);
        return entry is null ? new ReleaseObjects([]) : ObjectJson.FromBytes<ReleaseObjects>(entry.Value);
    }

    /// <summary>Every object a release declared.</summary>
    public async Task<Dictionary<string, KubeObject>> ReadReleaseObjectsAsync(int number, CancellationToken cancellationToken) =>
        await ReadObjectsAsync(await GetObjectIndexAsync(number, cancellationToken), cancellationToken);

    /// <summary>The objects of an index, read back by hash.</summary>
    public async Task<Dictionary<string, KubeObject>> ReadObjectsAsync(ReleaseObjects index, CancellationToken cancellationToken)
    {
        var objects = new Dictionary<string, KubeObject>(StringComparer.Ordinal);
        foreach (var (key, hash) in index.Objects)
        {
            if (!_blobs.TryGetValue(hash, out var obj))
            {
                var entry = await store.GetAsync(Buckets.Meta, BlobPrefix + hash, cancellationToken)
                            ?? throw new NotFoundException($"object {key} of the release (blob {hash})");
                _blobs[hash] = obj = ObjectJson.FromBytes(entry.Value);
            }
            objects[key] = obj;
        }
        return objects;
    }

    /// <summary>Stores the objects that <paramref name="previous"/> did not already hold, and returns the index of all of them.</summary>
    public async Task<ReleaseObjects> SaveObjectsAsync(IReadOnlyDictionary<string, KubeObject> objects, ReleaseObjects previous, CancellationToken cancellationToken)
    {
        var known = previous.Objects.Values.ToHashSet(StringComparer.Ordinal);
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, obj) in objects)
        {
            var hash = Hash(obj);
            index[key] = hash;
            if (known.Add(hash))
                await store.PutAsync(Buckets.Meta, BlobPrefix + hash, ObjectJson.ToBytes(obj), cancellationToken);
            _blobs.TryAdd(hash, obj);
        }
        return new ReleaseObjects(index);
    }

    /// <summary>Records a finished release and makes it the latest.</summary>
    public async Task RecordAsync(Release release, ReleaseObjects index, CancellationToken cancellationToken)
    {
        await store.PutAsync(Buckets.Meta, ObjectsPrefix + Number(release.Number), ObjectJson.ToBytes(index), cancellationToken);
        await store.PutAsync(Buckets.Meta, ReleasePrefix + Number(release.Number), ObjectJson.ToBytes(release), cancellationToken);
        await store.PutAsync(Buckets.Meta, LatestKey, ObjectJson.ToBytes(release), cancellationToken);
    }

    /// <summary>Zero-padded, so keys sort in release order.</summary>
    private static string Number(int number) => number.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The store keys of every object the latest release declares; none before the first release.</summary>
    public async Task<HashSet<string>> LatestDeclaredKeysAsync(CancellationToken cancellationToken)
    {
        var (latest, _) = await LatestAsync(cancellationToken);
        return latest is null ? [] : (await GetObjectIndexAsync(latest.Number, cancellationToken)).Objects.Keys.ToHashSet(StringComparer.Ordinal);
    }
}
