using LibGit2Sharp;

namespace GitOrch.Engine.Git;

/// <summary>
/// Reads files at the tip of the branch auto-sync follows, and writes commits onto it: in a bare
/// repository or a remote's mirror by moving the branch (and pushing), in a working copy by resetting it
/// to the new commit, which is refused when it has uncommitted changes.
/// </summary>
public static class BranchCommit
{
    /// <summary>The text of a file, by its path from the repository's root, at the branch tip; null when absent.</summary>
    public static string? ReadAtHead(ManifestRepository source, string path)
    {
        using var repository = source.OpenGit();
        return repository.Head.Tip?[path]?.Target is Blob blob ? blob.GetContentText() : null;
    }

    public static string ReadAtHeadOrThrow(ManifestRepository source, string path) =>
        ReadAtHead(source, path) ?? throw new GitSourceException($"{path} is not in the branch tip; has the manifest moved since the last sync?");

    /// <summary>Commits <paramref name="path"/> with new text on top of the branch tip; returns the commit's sha.</summary>
    public static string WriteFile(ManifestRepository source, string path, string text, string message) =>
        Write(source, (repository, head) =>
        {
            var definition = TreeDefinition.From(head.Tree).Add(path, repository.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))), Mode.NonExecutableFile);
            return repository.ObjectDatabase.CreateTree(definition);
        }, message, "gitorch")!;

    /// <summary>
    /// Commits the tree that <paramref name="treeFor"/> builds from the branch tip; returns the new
    /// commit's sha, or null when the tree is the tip's own and there is nothing to commit.
    /// </summary>
    public static string? Write(ManifestRepository source, Func<Repository, Commit, Tree> treeFor, string message, string reflogMessage)
    {
        using var repository = source.OpenGit();
        var head = EnsureCommittable(repository);

        var tree = treeFor(repository, head);
        if (tree.Sha == head.Tree.Sha) return null;
        var signature = repository.Config.BuildSignature(DateTimeOffset.Now) ?? new Signature("gitorch", "gitorch@localhost", DateTimeOffset.Now);
        var commit = repository.ObjectDatabase.CreateCommit(signature, signature, message, tree, [head], prettifyMessage: true);
        if (repository.Info.IsBare)
            repository.Refs.UpdateTarget(repository.Refs[repository.Head.CanonicalName], commit.Id, reflogMessage);
        else
            repository.Reset(ResetMode.Hard, commit);
        source.Remote?.Push(repository.Head.FriendlyName);
        return commit.Sha;
    }

    /// <summary>Refuses, before any work is done, a repository a commit cannot be written to: no commits, a detached HEAD, or uncommitted changes.</summary>
    public static void EnsureCommittable(ManifestRepository source)
    {
        using var repository = source.OpenGit();
        EnsureCommittable(repository);
    }

    private static Commit EnsureCommittable(Repository repository)
    {
        var head = repository.Head.Tip ?? throw new GitSourceException("the repository has no commits on its current branch");
        if (repository.Info.IsHeadDetached)
            throw new GitSourceException("HEAD is detached; check out the branch that auto-sync follows");
        if (!repository.Info.IsBare && repository.RetrieveStatus(new StatusOptions { IncludeUntracked = false }).IsDirty)
            throw new GitSourceException("the working tree has uncommitted changes; commit or stash them first");
        return head;
    }
}
