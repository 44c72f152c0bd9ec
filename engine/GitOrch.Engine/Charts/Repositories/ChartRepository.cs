using System.Collections.Concurrent;
using GitOrch.Store;

namespace GitOrch.Engine.Charts.Repositories;

/// <summary>
/// Charts from HTTP chart repositories and OCI registries. The newest version that meets the
/// constraint is picked, each archive is checked against the digest its repository states, and
/// archives and answers are kept (see <see cref="ChartCache"/>), so a commit that rendered once renders
/// the same bytes when the repository is gone.
/// </summary>
public sealed class ChartRepository
{
    private static readonly HttpClient SharedHttp = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>How long a pick stands before the repository is asked again: a sync every few seconds does not fetch every time.</summary>
    private static readonly TimeSpan PickLifetime = TimeSpan.FromMinutes(1);

    private static readonly ConcurrentDictionary<string, ChartRepository> ByCache = new();

    private readonly ConcurrentDictionary<ChartSource, (ChartArchive Archive, DateTimeOffset Until)> _picks = new();
    private readonly IndexRepository _indexes;
    private readonly OciRegistry _registries;

    public ChartRepository(string cacheFolder, HttpClient? http = null)
    {
        var client = new RepositoryHttp(http ?? SharedHttp);
        var cache = new ChartCache(cacheFolder);
        _indexes = new IndexRepository(client, cache);
        _registries = new OciRegistry(client, cache);
    }

    /// <summary>The repositories' cache in gitorch's home, one instance per home so that its picks are kept between loads.</summary>
    public static ChartRepository Default => ByCache.GetOrAdd(Path.Combine(StoreLocator.Home, "charts"), folder => new ChartRepository(folder));

    /// <exception cref="ChartRepositoryException">The repository cannot be had, no version fits, or the archive's digest is wrong.</exception>
    public ChartArchive Fetch(ChartSource source)
    {
        if (_picks.TryGetValue(source, out var pick) && pick.Until > DateTimeOffset.UtcNow) return pick.Archive;
        var archive = source.IsOci ? _registries.Fetch(source) : _indexes.Fetch(source);
        _picks[source] = (archive, DateTimeOffset.UtcNow + PickLifetime);
        return archive;
    }
}
