using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.TestSupport;

/// <summary>
/// For tests that call a reconcile or an agent sync by hand: waits until the process's caches hold
/// exactly what the store holds, as a running part's would by the time a change woke it.
/// </summary>
public static class CacheCatchUp
{
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    public static async Task WaitAsync(SharedInformers informers, ObjectClient client, IReadOnlyList<KindInfo> kinds)
    {
        // The caches' watches run for the rest of the test process, as the store they follow does.
        await informers.WaitForSyncAsync(kinds, CancellationToken.None);
        foreach (var kind in kinds)
        {
            var stored = Fingerprint(await client.ListAsync(kind));
            var cache = informers.For(kind);
            await cache.WaitUntilAsync(() => Fingerprint(cache.Objects) == stored, Longest, CancellationToken.None);
        }
    }

    private static string Fingerprint(IEnumerable<KubeObject> objects) =>
        string.Join("\n", objects.Select(obj => Convert.ToBase64String(ObjectJson.ToBytes(obj))).Order(StringComparer.Ordinal));
}
