using GitOrch.Api.Model;
using GitOrch.Engine.Releases;
using GitOrch.Store;

namespace GitOrch.Engine.Sync;

/// <summary>Finds the store's orphans (see <see cref="Orphans"/>), and prunes them for self-heal.</summary>
public sealed class OrphanFinder(ObjectClient client)
{
    private readonly EventRecorder _events = new(client, "gitorch-sync");

    /// <summary>
    /// Every orphan, by key. Only keys the latest release does not declare are read, and no kind only
    /// the cluster writes, so a cluster in order costs one listing of revisions and the reads of its
    /// controllers' objects.
    /// </summary>
    public async Task<IReadOnlyList<KubeObject>> FindAsync(CancellationToken cancellationToken)
    {
        var declared = await new ReleaseStore(client.Store).LatestDeclaredKeysAsync(cancellationToken);
        var clusterWritten = Kinds.All.Where(kind => kind.WrittenByCluster).Select(kind => ObjectKeys.Prefix(kind, null)).ToList();
        var candidates = (await LiveObjects.ReadRevisionsAsync(client.Store, cancellationToken)).Keys
            .Where(key => !declared.Contains(key) && !clusterWritten.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();
        var live = await LiveObjects.ReadAsync(client, candidates, cancellationToken);
        return [.. live.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Value).Where(Orphans.IsOrphan)];
    }

    /// <summary>Deletes each orphan that may be pruned, compare-and-swap on what was read, and records an event for it.</summary>
    public async Task<IReadOnlyList<KubeObject>> PruneAsync(CancellationToken cancellationToken)
    {
        var pruned = new List<KubeObject>();
        foreach (var orphan in (await FindAsync(cancellationToken)).Where(Orphans.MayPrune))
        {
            try
            {
                await client.DeleteAsync(orphan, cancellationToken);
            }
            catch (ConflictException)
            {
                continue; // changed since it was read: the next round looks at it afresh
            }
            await _events.RecordAsync(orphan, EventTypes.Warning, "OrphanPruned", "no commit declares it and nothing owns it; --prune-orphans deleted it", cancellationToken);
            pruned.Add(orphan);
        }
        return pruned;
    }
}
