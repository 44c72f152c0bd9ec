using GitOrch.Engine.Git;

namespace GitOrch.Cli;

/// <summary>
/// What a preview (<c>diff</c>, <c>apply --dry-run</c>) compares when no revision is given: the manifests
/// as they are on disk, uncommitted changes included, or with <c>--staged</c> as the index holds them;
/// HEAD when they hold nothing HEAD does not.
/// </summary>
public static class PreviewRevision
{
    public sealed record Choice(string Revision, string? Uncommitted);

    public static Choice Resolve(ManifestRepository repository, string? given, bool staged) =>
        given is not null ? new Choice(given, null)
        : UnbranchedCommit.OfWorkingTree(repository, staged) is { } sha ? new Choice(sha, $"{(staged ? "staged" : "uncommitted")} changes on top of HEAD {ShortSha.Of(repository.Resolve())}")
        : new Choice("HEAD", null);
}
