using GitOrch.Api.Model;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Releases;
using GitOrch.Store;
using GitOrch.Engine.Sync;

namespace GitOrch.IntegrationTests;

/// <summary>Reads releases and git-managed objects straight from the store, as the tests' independent view.</summary>
public sealed class ReleaseProbe(IObjectStore store)
{
    public ObjectClient Client { get; } = new(store);
    public ReleaseStore Releases { get; } = new(store);

    public async Task<Release?> LatestAsync() => (await Releases.LatestAsync(CancellationToken.None)).Release;

    public async Task<Dictionary<string, KubeObject>> ManagedObjectsAsync() =>
        (await LiveObjects.ReadAsync(Client, null, CancellationToken.None))
        .Where(pair => Planner.IsManagedByGit(pair.Value))
        .ToDictionary();

    /// <summary>Whether the store's git-managed objects are exactly a release's, compared as a sync would.</summary>
    public async Task<string?> DifferenceFromReleaseAsync(int number)
    {
        var desired = await Releases.ReadReleaseObjectsAsync(number, CancellationToken.None);
        var live = await ManagedObjectsAsync();
        var changes = Planner.Plan("any", desired, live);
        return changes.Count == 0 ? null : string.Join(", ", changes.Select(change => change.Describe()));
    }
}
