using System.Text.Json;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Git;
using GitOrch.Store;

namespace GitOrch.Engine.Planning;

/// <summary>The last commit applied to the store, kept in the meta bucket.</summary>
public sealed record AppliedCommit(string Commit, string Author, string Message, DateTimeOffset AppliedAt);

public static class SyncState
{
    public const string LastAppliedKey = "sync.last-applied";

    public static Task RecordAppliedAsync(IObjectStore store, CommitManifests manifests, CancellationToken cancellationToken) =>
        store.PutAsync(Buckets.Meta, LastAppliedKey,
            ObjectJson.ToBytes(new AppliedCommit(manifests.Commit, manifests.Author, manifests.Message, DateTimeOffset.UtcNow)),
            cancellationToken);

    public static async Task<AppliedCommit?> ReadLastAppliedAsync(IObjectStore store, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(Buckets.Meta, LastAppliedKey, cancellationToken);
        return entry is null ? null : JsonSerializer.Deserialize<AppliedCommit>(entry.Value, ObjectJson.Options);
    }
}
