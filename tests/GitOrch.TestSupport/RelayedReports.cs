using System.Text.Json;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.TestSupport;

/// <summary>
/// For agent tests that run no control plane: copies each pod status report into its pod's status, as
/// the server's relay does for the pods bound to the node that reported them.
/// </summary>
public static class RelayedReports
{
    public static async Task CopyAsync(IObjectStore store)
    {
        foreach (var entry in await store.ListAsync(Buckets.Meta, PodStatusReports.KeyPrefix))
        {
            var report = ObjectJson.FromBytes<PodStatusReport>(entry.Value);
            await store.PutAsync(Buckets.Status, PodStatusReports.Parse(entry.Key).PodKey, JsonSerializer.SerializeToUtf8Bytes(report.Status, ObjectJson.Options));
        }
    }
}
