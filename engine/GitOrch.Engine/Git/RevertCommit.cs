using LibGit2Sharp;

namespace GitOrch.Engine.Git;

/// <summary>
/// Writes a commit on the current branch whose manifest folder is exactly as it was at an earlier commit,
/// so that Git, not a pin, holds a rollback. A remote's mirror pushes the commit.
/// </summary>
public static class RevertCommit
{
    /// <returns>The new commit's sha, or null when the folder already matches.</returns>
    public static string? Write(ManifestRepository source, string targetCommit, string message) =>
        BranchCommit.Write(source, (repository, head) =>
            ManifestFolderAt(repository, head, ManifestRepository.FindCommit(repository, targetCommit), source.Subdirectory), message, "gitorch rollback");

    private static Tree ManifestFolderAt(Repository repository, Commit head, Commit target, string subdirectory)
    {
        if (subdirectory.Length == 0) return target.Tree;
        var definition = TreeDefinition.From(head.Tree).Remove(subdirectory);
        if (target[subdirectory]?.Target is Tree folder)
            definition.Add(subdirectory, folder);
        return repository.ObjectDatabase.CreateTree(definition);
    }
}
