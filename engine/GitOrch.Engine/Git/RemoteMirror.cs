using System.Security.Cryptography;
using System.Text;
using GitOrch.Store;
using LibGit2Sharp;

namespace GitOrch.Engine.Git;

/// <summary>
/// A bare mirror of a remote repository under <c>$GITORCH_HOME/repos</c>. Credentials, when needed, come
/// from GITORCH_GIT_USERNAME and GITORCH_GIT_TOKEN.
/// </summary>
public sealed class RemoteMirror
{
    private static readonly string[] MirrorRefSpecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"];

    private RemoteMirror(string url, string gitDirectory)
    {
        Url = url;
        GitDirectory = gitDirectory;
    }

    public string Url { get; }
    public string GitDirectory { get; }

    public static bool IsRemote(string location) =>
        location.Contains("://", StringComparison.Ordinal) || location.StartsWith("git@", StringComparison.Ordinal);

    public static RemoteMirror Open(string url)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16];
        var directory = Path.Combine(StoreLocator.Home, "repos", name);
        var mirror = new RemoteMirror(url, directory);
        if (!Repository.IsValid(directory))
        {
            Directory.CreateDirectory(directory);
            Guard(url, () => Repository.Init(directory, isBare: true));
            using var repository = new Repository(directory);
            repository.Network.Remotes.Add("origin", url);
        }
        mirror.Fetch();
        return mirror;
    }

    public void Fetch() => Guard(Url, () =>
    {
        using var repository = new Repository(GitDirectory);
        Commands.Fetch(repository, "origin", MirrorRefSpecs, new FetchOptions { CredentialsProvider = Credentials, Prune = true }, null);
        var head = repository.Branches["main"] ?? repository.Branches["master"] ?? repository.Branches.FirstOrDefault();
        if (head is not null) repository.Refs.UpdateTarget("HEAD", head.CanonicalName);
    });

    /// <summary>Pushes a branch of the mirror to the remote, as after a revert commit.</summary>
    public void Push(string branch) => Guard(Url, () =>
    {
        using var repository = new Repository(GitDirectory);
        repository.Network.Push(repository.Network.Remotes["origin"], $"refs/heads/{branch}:refs/heads/{branch}",
            new PushOptions { CredentialsProvider = Credentials });
    });

    public static Credentials Credentials(string url, string usernameFromUrl, SupportedCredentialTypes types) =>
        Environment.GetEnvironmentVariable("GITORCH_GIT_TOKEN") is { Length: > 0 } token
            ? new UsernamePasswordCredentials { Username = Environment.GetEnvironmentVariable("GITORCH_GIT_USERNAME") ?? usernameFromUrl ?? "git", Password = token }
            : new DefaultCredentials();

    private static void Guard(string url, Action action)
    {
        try
        {
            action();
        }
        catch (LibGit2SharpException e)
        {
            throw new GitSourceException($"cannot reach Git remote {url}: {e.Message}");
        }
    }
}
