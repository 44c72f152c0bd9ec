using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Engine.Sync;

/// <summary>
/// Reads the live side of a plan: every object, or only the keys a commit touched. Keys are read
/// concurrently and without status, which a plan never compares.
/// </summary>
public static class LiveObjects
{
    /// <summary>Above this many keys, listing every kind is cheaper than reading keys one by one.</summary>
    private const int ReadKeysLimit = 200;

    /// <summary>Every kind a plan compares; events are the cluster's own record and never declared.</summary>
    private static readonly IReadOnlyList<KindInfo> ComparedKinds = Kinds.All.Where(kind => kind != Kinds.Event).ToList();

    public static async Task<Dictionary<string, KubeObject>> ReadAsync(ObjectClient client, IReadOnlyCollection<string>? keys, CancellationToken cancellationToken)
    {
        var live = new Dictionary<string, KubeObject>(StringComparer.Ordinal);
        if (keys is not null && keys.Count <= ReadKeysLimit)
        {
            var reads = keys.Select(async key => (Key: key, Object: await client.GetSpecByKeyAsync(key, cancellationToken))).ToList();
            foreach (var (key, current) in await Task.WhenAll(reads))
                if (current is not null)
                    live[key] = current;
            return live;
        }
        foreach (var kind in ComparedKinds)
            foreach (var current in await client.ListSpecsAsync(kind, cancellationToken))
                live[ObjectKeys.For(current)] = current;
        if (keys is not null)
        {
            var wanted = keys.ToHashSet(StringComparer.Ordinal);
            live = live.Where(pair => wanted.Contains(pair.Key)).ToDictionary(StringComparer.Ordinal);
        }
        return live;
    }

    /// <summary>The revision of every key a full plan would read, without reading the objects.</summary>
    public static async Task<Dictionary<string, long>> ReadRevisionsAsync(IObjectStore store, CancellationToken cancellationToken)
    {
        var perKind = await Task.WhenAll(ComparedKinds.Select(kind => store.ListRevisionsAsync(Buckets.Objects, ObjectKeys.Prefix(kind, null), cancellationToken)));
        return perKind.SelectMany(revisions => revisions).ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>The most recently written object and its revision: what <c>apply --check-revision</c> compares against; 0 when there are none.</summary>
    public static (string Key, long Revision) Newest(IReadOnlyDictionary<string, KubeObject> live)
    {
        var newest = ("", 0L);
        foreach (var (key, obj) in live)
            if (long.TryParse(obj.Metadata.ResourceVersion, out var revision) && revision > newest.Item2)
                newest = (key, revision);
        return newest;
    }
}
