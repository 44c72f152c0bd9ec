using GitOrch.Api.Model;
using GitOrch.Store;

namespace GitOrch.Engine.Sync;

/// <summary>
/// Which revision of each object an apply last compared with Git and left matching. An object whose
/// revision has not moved since needs no comparison, so drift and diff read only the objects that moved
/// (status lives in its own bucket, so status writes move nothing here).
/// </summary>
public static class VerifiedRevisions
{
    /// <summary>
    /// After an apply: the keys it read take the revisions it read, and the keys it wrote the revisions it
    /// wrote (a delete removes the key).
    /// </summary>
    /// <param name="start">Empty after a full plan, which read every key; a scoped plan's previous release's record, and without one nothing is recorded.</param>
    /// <param name="read">The keys the plan read, whether or not they existed.</param>
    /// <param name="written">The revision each write left, null for a delete, in the order written.</param>
    public static Dictionary<string, long>? After(Dictionary<string, long>? start, IEnumerable<string> read,
        IReadOnlyDictionary<string, KubeObject> live, IEnumerable<KeyValuePair<string, long?>> written)
    {
        if (start is null) return null;
        var verified = new Dictionary<string, long>(start, StringComparer.Ordinal);
        foreach (var key in read) verified.Remove(key);
        foreach (var (key, obj) in live) verified[key] = ObjectClient.ParseRevision(obj);
        foreach (var (key, revision) in written)
        {
            if (revision is { } at) verified[key] = at;
            else verified.Remove(key);
        }
        return verified;
    }

    /// <summary>
    /// The keys a comparison must look at: those whose revision moved or that are new since the record,
    /// and the <paramref name="declared"/> keys that are gone from the store.
    /// </summary>
    public static HashSet<string> Moved(IReadOnlyDictionary<string, long> verified, IReadOnlyDictionary<string, long> live, IEnumerable<string> declared)
    {
        var moved = live.Where(pair => verified.GetValueOrDefault(pair.Key) != pair.Value).Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        moved.UnionWith(declared.Where(key => !live.ContainsKey(key)));
        return moved;
    }
}
