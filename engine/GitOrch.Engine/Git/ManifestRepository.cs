using GitOrch.Api.Serialization;
using LibGit2Sharp;

namespace GitOrch.Engine.Git;

/// <summary>The manifests of one commit, and where the commit came from.</summary>
public sealed record CommitManifests(string Commit, string Author, string Message, IReadOnlyList<LoadedObject> Objects);

/// <summary>
/// A Git repository of manifests. The path may point at a folder inside a repository, and then only the
/// manifests under that folder count, as with Argo CD's application path.
/// </summary>
public sealed class ManifestRepository
{
    private ManifestRepository(string gitDirectory, string subdirectory)
    {
        GitDirectory = gitDirectory;
        Subdirectory = subdirectory;
    }

    public string GitDirectory { get; }

    /// <summary>The folder inside the repository that holds the manifests, with '/' separators; empty for the root.</summary>
    public string Subdirectory { get; }

    public static ManifestRepository Open(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!Directory.Exists(fullPath))
            throw new GitSourceException($"repository path {path} does not exist");
        var gitDirectory = Repository.Discover(fullPath)
            ?? throw new GitSourceException($"{path} is not inside a Git repository (run 'git init' there and commit the manifests)");
        using var repository = new Repository(gitDirectory);
        var workdir = repository.Info.WorkingDirectory ?? throw new GitSourceException($"{path} is a bare repository; pass a working copy");
        var subdirectory = Path.GetRelativePath(workdir, fullPath).Replace('\\', '/');
        return new ManifestRepository(gitDirectory, subdirectory == "." ? "" : subdirectory);
    }

    /// <summary>Resolves a revision (branch, tag, sha, HEAD~1) to a commit sha.</summary>
    public string Resolve(string revision = "HEAD")
    {
        using var repository = new Repository(GitDirectory);
        return FindCommit(repository, revision).Sha;
    }

    /// <summary>Loads every *.yaml and *.yml under the manifest folder at the revision. Dot-folders are skipped.</summary>
    public CommitManifests Load(string revision = "HEAD")
    {
        using var repository = new Repository(GitDirectory);
        var commit = FindCommit(repository, revision);
        var objects = new List<LoadedObject>();
        var root = Subdirectory.Length == 0 ? commit.Tree : commit[Subdirectory]?.Target as Tree;
        if (root is not null)
            foreach (var (path, blob) in ManifestFiles(root, Subdirectory))
                objects.AddRange(ManifestLoader.Load(path, blob.GetContentText()));
        DuplicateCheck.ThrowIfAny(objects);
        return new CommitManifests(commit.Sha, commit.Author.Name, commit.MessageShort, objects);
    }

    private static IEnumerable<(string Path, Blob Blob)> ManifestFiles(Tree tree, string prefix)
    {
        foreach (var entry in tree.OrderBy(entry => entry.Name, StringComparer.Ordinal))
        {
            if (entry.Name.StartsWith('.')) continue;
            var path = prefix.Length == 0 ? entry.Name : $"{prefix}/{entry.Name}";
            if (entry.Target is Tree subtree)
                foreach (var file in ManifestFiles(subtree, path))
                    yield return file;
            else if (entry.Target is Blob blob && (entry.Name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || entry.Name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
                yield return (path, blob);
        }
    }

    private static Commit FindCommit(Repository repository, string revision)
    {
        try
        {
            return repository.Lookup<Commit>(revision) ?? throw new GitSourceException($"revision \"{revision}\" is not a commit");
        }
        catch (LibGit2SharpException e)
        {
            throw new GitSourceException($"cannot resolve revision \"{revision}\": {e.Message}");
        }
    }
}

/// <summary>The Git side of a sync failed: no repository, no such revision.</summary>
public sealed class GitSourceException(string message) : Exception(message);
