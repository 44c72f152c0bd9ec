using LibGit2Sharp;

namespace GitOrch.Engine.Git;

/// <summary>
/// Manifests not committed yet, as a commit on no branch (as <c>git stash create</c> makes one), so that
/// a diff, a dry run or an edit's validation loads them exactly as it would a pushed commit. The
/// commit's parent is HEAD; it is never referenced, so Git's garbage collection removes it in time.
/// </summary>
public static class UnbranchedCommit
{
    /// <summary>
    /// The working tree (tracked and untracked files Git does not ignore), or with <paramref name="staged"/>
    /// the index, as a commit's sha; null when it holds nothing HEAD does not, or the repository has no
    /// working tree (a remote's mirror, a bare repository).
    /// </summary>
    public static string? OfWorkingTree(ManifestRepository source, bool staged)
    {
        if (source.IsRemote) return null;
        using var repository = source.OpenGit();
        if (repository.Info.IsBare) return null;
        var head = repository.Head.Tip;
        var tree = staged ? repository.ObjectDatabase.CreateTree(repository.Index) : WorkingTree(repository, head);
        if (tree.Sha == head?.Tree.Sha) return null;
        return Commit(repository, tree, head, staged ? "staged changes" : "uncommitted changes");
    }

    /// <summary>The branch tip with one file's text replaced (by its path from the repository's root).</summary>
    public static string WithFile(ManifestRepository source, string path, string text)
    {
        using var repository = source.OpenGit();
        var head = repository.Head.Tip ?? throw new GitSourceException("the repository has no commits on its current branch");
        var blob = repository.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
        var tree = repository.ObjectDatabase.CreateTree(TreeDefinition.From(head.Tree).Add(path, blob, Mode.NonExecutableFile));
        return Commit(repository, tree, head, $"edit of {path}");
    }

    private static string Commit(Repository repository, Tree tree, Commit? head, string message)
    {
        var signature = new Signature("gitorch", "gitorch@localhost", DateTimeOffset.Now);
        return repository.ObjectDatabase.CreateCommit(signature, signature, message, tree, head is null ? [] : [head], prettifyMessage: false).Sha;
    }

    private static Tree WorkingTree(Repository repository, Commit? head)
    {
        var definition = head is null ? new TreeDefinition() : TreeDefinition.From(head.Tree);
        var root = repository.Info.WorkingDirectory;
        foreach (var entry in repository.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false }))
        {
            var file = Path.Combine(root, entry.FilePath);
            if (File.Exists(file)) definition.Add(entry.FilePath, repository.ObjectDatabase.CreateBlob(file), Mode.NonExecutableFile);
            else definition.Remove(entry.FilePath);
        }
        return repository.ObjectDatabase.CreateTree(definition);
    }
}
