using GitOrch.Api.Serialization;
using GitOrch.Engine.Git;
using GitOrch.Store;

namespace GitOrch.Engine.Sync;

/// <summary>Where the desired state comes from, as the last server, <c>up</c> or <c>apply</c> saw it.</summary>
public sealed record SyncSource(string Repo, string? Path, string Revision)
{
    /// <summary>A local repository's location already includes its manifest folder; a remote's folder is kept apart.</summary>
    public static SyncSource For(ManifestRepository repository, string revision) =>
        new(repository.Location, repository.IsRemote ? repository.Subdirectory : null, revision);

    public ManifestRepository Open() => ManifestRepository.Open(Repo, Path);

    public string Name => ManifestRepository.NameSource(Repo, Path);
}

/// <summary>Why auto-sync could not apply a commit, kept until a later sync round succeeds, so that <c>status</c> can say it.</summary>
public sealed record SyncFailure(string Commit, string Error, DateTimeOffset At);

/// <summary>Auto-sync held at a release by a rollback, until Git moves past <paramref name="GitHead"/>.</summary>
public sealed record SyncPin(int Release, string GitHead, DateTimeOffset PinnedAt);

/// <summary>The sync's own records in the meta bucket: its source, its pin and its last failure.</summary>
public sealed class SyncState(IObjectStore store)
{
    private const string SourceKey = "sync.source";
    public const string PinKey = "sync.pin";
    private const string FailureKey = "sync.failure";

    public Task SaveSourceAsync(SyncSource source, CancellationToken cancellationToken) =>
        store.PutAsync(Buckets.Meta, SourceKey, ObjectJson.ToBytes(source), cancellationToken);

    public Task<SyncSource?> ReadSourceAsync(CancellationToken cancellationToken) => ReadAsync<SyncSource>(SourceKey, cancellationToken);

    public Task PinAsync(SyncPin pin, CancellationToken cancellationToken) =>
        store.PutAsync(Buckets.Meta, PinKey, ObjectJson.ToBytes(pin), cancellationToken);

    public Task<SyncPin?> ReadPinAsync(CancellationToken cancellationToken) => ReadAsync<SyncPin>(PinKey, cancellationToken);

    public Task UnpinAsync(CancellationToken cancellationToken) => store.DeleteAsync(Buckets.Meta, PinKey, cancellationToken: cancellationToken);

    public Task SaveFailureAsync(SyncFailure failure, CancellationToken cancellationToken) =>
        store.PutAsync(Buckets.Meta, FailureKey, ObjectJson.ToBytes(failure), cancellationToken);

    public Task<SyncFailure?> ReadFailureAsync(CancellationToken cancellationToken) => ReadAsync<SyncFailure>(FailureKey, cancellationToken);

    public Task ClearFailureAsync(CancellationToken cancellationToken) => store.DeleteAsync(Buckets.Meta, FailureKey, cancellationToken: cancellationToken);

    private async Task<T?> ReadAsync<T>(string key, CancellationToken cancellationToken) where T : class
    {
        var entry = await store.GetAsync(Buckets.Meta, key, cancellationToken);
        return entry is null ? null : ObjectJson.FromBytes<T>(entry.Value);
    }
}
