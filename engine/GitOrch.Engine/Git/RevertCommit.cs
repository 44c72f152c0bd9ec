using LibGit2Sharp;

namespace GitOrch.Engine.Git;

/// <summary>
/// Writes a commit on the current branch whose manifest folder is exactly as it was at an earlier commit,
/// so that Git, not a pin, holds a rollback. A remote's mirror pushes the commit.
/// </summary>
public static class RevertCommit
{
    /// <returns>The new commit's sha, or null when the folder already matches.</returns>
    public static string? Write(ManifestRepository source, string targetCommit, string message)
    {
        using var repository = source.OpenGit();
        var head = repository.Head.Tip ?? throw new GitSourceException("the repository has no commits on its current branch");
        if (repository.Info.IsHeadDetached)
            throw new GitSourceException("HEAD is detached; check out the branch that auto-sync follows");
        if (!repository.Info.IsBare && repository.RetrieveStatus(new StatusOptions { IncludeUntracked = false }).IsDirty)
            throw new GitSourceException("the working tree has uncommitted changes; commit or stash them first, or roll back without --revert-commit");

        var target = ManifestRepository.FindCommit(repository, targetCommit);
        var tree = ManifestFolderAt(repository, head, target, source.Subdirectory);
        if (tree.Sha == head.Tree.Sha) return null;

        var signature = repository.Config.BuildSignature(DateTimeOffset.Now) ?? new Signature("gitorch", "gitorch@localhost", DateTimeOffset.Now);
        var commit = repository.ObjectDatabase.CreateCommit(signature, signature, message, tree, [head], prettifyMessage: true);
        if (repository.Info.IsBare)
            repository.Refs.UpdateTarget(repository.Refs[repository.Head.CanonicalName], commit.Id, "gitorch rollback");
        else
            repository.Reset(ResetMode.Hard, commit);
        source.Remote?.Push(repository.Head.FriendlyName);
        return commit.Sha;
    }

    private static Tree ManifestFolderAt(Repository repository, Commit head, Commit target, string subdirectory)
    {
        if (subdirectory.Length == 0) return target.Tree;
        var definition = TreeDefinition.From(head.Tree).Remove(subdirectory);
        if (target[subdirectory]?.Target is Tree folder)
            definition.Add(subdirectory, folder);
        return repository.ObjectDatabase.CreateTree(definition);
    }
}
