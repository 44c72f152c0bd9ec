using GitOrch.Engine.Git;
namespace GitOrch.Engine.Releases;

/// <summary>
/// One applied commit, or one rollback: numbered in order, with its source and the objects it changed.
/// The full set of objects it declared is kept apart, in a <see cref="ReleaseObjects"/>.
/// </summary>
/// <param name="Source">The repository and folder the objects came from (see <see cref="ManifestRepository.Source"/>); null for releases recorded before sources were.</param>
/// <param name="Failure">
/// For a sync that a hook or a wave stopped: why. A failed release is kept in the history only: it
/// never becomes the latest release, and nothing can be rolled back to it.
/// </param>
public sealed record Release(
    int Number,
    string Commit,
    string Author,
    string Message,
    DateTimeOffset CommitTime,
    DateTimeOffset AppliedAt,
    string Reason,
    IReadOnlyList<string> Changes,
    string? Source = null,
    string? Failure = null)
{
    public const string SyncReason = "sync";

    public string ShortCommit => ShortSha.Of(Commit);
}

/// <summary>Every object a release declared: store key to the content hash of the object's JSON.</summary>
/// <param name="Verified">
/// For each key of the objects bucket, the revision at which an apply last compared it with Git and left
/// it matching (or found it not Git's to manage); null for releases that did not record it.
/// </param>
public sealed record ReleaseObjects(Dictionary<string, string> Objects, Dictionary<string, long>? Verified = null);
