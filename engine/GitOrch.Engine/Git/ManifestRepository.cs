using LibGit2Sharp;

namespace GitOrch.Engine.Git;

/// <summary>
/// A Git repository of manifests. The path may point at a folder inside a repository, and then only the
/// manifests under that folder count, as with Argo CD's application path.
/// </summary>
public sealed class ManifestRepository
{
    private ManifestRepository(string location, string gitDirectory, string subdirectory, RemoteMirror? remote)
    {
        Location = location;
        GitDirectory = gitDirectory;
        Subdirectory = subdirectory;
        Remote = remote;
    }

    /// <summary>The repository as the user named it: a path, or a remote URL.</summary>
    public string Location { get; }

    public string GitDirectory { get; }

    /// <summary>The folder inside the repository that holds the manifests, with '/' separators; empty for the root.</summary>
    public string Subdirectory { get; }

    /// <summary>The local mirror of a remote repository; null when the repository is read in place.</summary>
    public RemoteMirror? Remote { get; }

    public bool IsRemote => Remote is not null;

    /// <summary>Names the manifests' source in one string: the full local path, or a remote URL with "//folder" after it.</summary>
    public string Source => NameSource(Location, IsRemote ? Subdirectory : null);

    /// <param name="remoteFolder">The manifest folder of a remote; null for a local path, which includes its folder.</param>
    public static string NameSource(string location, string? remoteFolder) =>
        remoteFolder is { Length: > 0 } ? $"{location}//{remoteFolder}" : location.TrimEnd('/');

    /// <summary>
    /// Opens a local repository in place (the path may be a folder inside it), or mirrors a remote one
    /// (https://, ssh:// or git@) into the cache; then <paramref name="subdirectory"/> names the manifest folder.
    /// </summary>
    public static ManifestRepository Open(string location, string? subdirectory = null)
    {
        if (RemoteMirror.IsRemote(location))
        {
            var mirror = RemoteMirror.Open(location);
            return new ManifestRepository(location, mirror.GitDirectory, (subdirectory ?? "").Trim('/'), mirror);
        }
        var fullPath = Path.GetFullPath(subdirectory is null ? location : Path.Combine(location, subdirectory));
        if (!Directory.Exists(fullPath))
            throw new GitSourceException($"repository path {fullPath} does not exist");
        var gitDirectory = Repository.Discover(fullPath)
            ?? throw new GitSourceException($"{location} is not inside a Git repository (run 'git init' there and commit the manifests)");
        using var repository = new Repository(gitDirectory);
        var workdir = repository.Info.WorkingDirectory ?? throw new GitSourceException($"{location} is a bare repository; pass a working copy");
        var relative = Path.GetRelativePath(workdir, fullPath).Replace('\\', '/');
        return new ManifestRepository(fullPath, gitDirectory, relative == "." ? "" : relative, null);
    }

    /// <summary>Brings a remote's mirror up to date; a local repository is always current.</summary>
    public void Fetch() => Remote?.Fetch();

    /// <summary>Resolves a revision (branch, tag, sha, HEAD~1) to a commit sha.</summary>
    public string Resolve(string revision = "HEAD")
    {
        using var repository = new Repository(GitDirectory);
        return FindCommit(repository, revision).Sha;
    }

    /// <summary>A commit's sha, author, message and time, and its first parent's sha (null for a first commit).</summary>
    public (CommitInfo Commit, string? Parent) Inspect(string revision)
    {
        using var repository = new Repository(GitDirectory);
        var commit = FindCommit(repository, revision);
        return (Describe(commit), commit.Parents.FirstOrDefault()?.Sha);
    }

    /// <summary>Whether <paramref name="ancestor"/> is <paramref name="commit"/> or one of its ancestors; false when either is not in the repository.</summary>
    public bool IsAncestorOrSame(string ancestor, string commit)
    {
        using var repository = new Repository(GitDirectory);
        if (repository.Lookup<Commit>(commit) is not { } later || repository.Lookup<Commit>(ancestor) is not { } earlier) return false;
        return later.Sha == earlier.Sha || repository.ObjectDatabase.FindMergeBase(earlier, later)?.Sha == earlier.Sha;
    }

    /// <summary>The branch a revision follows: HEAD's branch for "HEAD", the revision itself when it names a branch, else null.</summary>
    public string? BranchOf(string revision)
    {
        using var repository = new Repository(GitDirectory);
        if (revision == "HEAD") return repository.Head.IsTracking || repository.Head.Tip is not null ? repository.Head.FriendlyName : null;
        return repository.Branches[revision]?.FriendlyName;
    }

    internal static CommitInfo Describe(Commit commit) =>
        new(commit.Sha, commit.Author.Name, commit.MessageShort, commit.Author.When);

    internal Repository OpenGit() => new(GitDirectory);

    /// <summary>Whether a path of the repository is in the manifest folder, and not in a dot-folder there.</summary>
    internal bool Holds(string path) =>
        (Subdirectory.Length == 0 || path.StartsWith(Subdirectory + "/", StringComparison.Ordinal))
        && !RepositoryLayout.IsHidden(Subdirectory.Length == 0 ? path : path[(Subdirectory.Length + 1)..]);

    internal static byte[] ReadBlob(Blob blob)
    {
        using var content = new MemoryStream();
        using (var stream = blob.GetContentStream()) stream.CopyTo(content);
        return content.ToArray();
    }

    internal static Commit FindCommit(Repository repository, string revision)
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
