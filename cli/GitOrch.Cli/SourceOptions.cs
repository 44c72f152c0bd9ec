using System.CommandLine;
using GitOrch.Engine.Git;
using GitOrch.Store;
using GitOrch.Engine.Sync;

namespace GitOrch.Cli;

/// <summary>
/// Which repository a verb reads: <c>--repo</c> (and <c>--path</c> for a remote's manifest folder), or
/// else the one the server, <c>up</c> or the last <c>apply</c> recorded in the store.
/// </summary>
public sealed class SourceOptions
{
    public Option<string?> Repo { get; } = new("--repo")
    {
        Description = "The Git repository of manifests: a local path (or a folder inside one) or a remote URL. Default: the one the server syncs",
    };

    public Option<string?> Path { get; } = new("--path")
    {
        Description = "The manifest folder inside a remote repository",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Repo);
        command.Options.Add(Path);
    }

    public bool IsGiven(ParseResult parse) => parse.GetValue(Repo) is not null;

    /// <summary>The repository named by the flags, or null when none was.</summary>
    public ManifestRepository? OpenGiven(ParseResult parse) =>
        parse.GetValue(Repo) is { } repo ? ManifestRepository.Open(repo, parse.GetValue(Path)) : null;

    public async Task<ManifestRepository> OpenAsync(ParseResult parse, IObjectStore store, CancellationToken cancellationToken)
    {
        if (OpenGiven(parse) is { } given)
            return given;
        var source = await new GitOps(store).ReadSourceAsync(cancellationToken)
                     ?? throw new ArgumentException("no repository given and none recorded in the store: pass --repo");
        return source.Open();
    }

    /// <summary>
    /// The repository a verb commits to, fetched, with its GitOps. Refused while a rollback pins
    /// auto-sync, because the commit would not be applied.
    /// </summary>
    public async Task<(ManifestRepository Repository, GitOps GitOps)> OpenForCommitAsync(ParseResult parse, IObjectStore store, CancellationToken cancellationToken)
    {
        var repository = await OpenAsync(parse, store, cancellationToken);
        var gitops = new GitOps(store, repository);
        if (await gitops.ReadPinAsync(cancellationToken) is { } pin)
            throw new ArgumentException($"auto-sync is pinned at release {pin.Release} by a rollback; run 'gitorch sync --unpin' first");
        repository.Fetch();
        return (repository, gitops);
    }
}
