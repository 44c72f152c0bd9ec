using GitOrch.Api.Serialization;
using GitOrch.Engine.Planning;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Git;

/// <summary>
/// Auto-sync: polls the repository's revision and applies each new commit. A commit that fails to
/// load is reported once and left unapplied; the store keeps the last good commit.
/// </summary>
public sealed class GitSyncLoop(ManifestRepository repository, ObjectClient client, ILogger<GitSyncLoop> logger,
    string revision = "HEAD", TimeSpan? interval = null)
{
    private readonly TimeSpan _interval = interval ?? TimeSpan.FromSeconds(2);
    private string? _lastFailedCommit;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var applier = new Applier(client);
        while (!cancellationToken.IsCancellationRequested)
        {
            await SyncOnceAsync(applier, cancellationToken);
            await Task.Delay(_interval, cancellationToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    private async Task SyncOnceAsync(Applier applier, CancellationToken cancellationToken)
    {
        string? commit = null;
        try
        {
            commit = repository.Resolve(revision);
            var applied = await SyncState.ReadLastAppliedAsync(client.Store, cancellationToken);
            if (applied?.Commit == commit || commit == _lastFailedCommit) return;
            var result = await applier.ApplyAsync(repository.Load(commit), cancellationToken: cancellationToken);
            logger.LogInformation("Applied commit {Commit}: {Count} change(s)", Short(commit), result.Changes.Count);
            foreach (var change in result.Changes)
                logger.LogInformation("  {Change}", change.Describe());
        }
        catch (ConflictException e)
        {
            logger.LogWarning("Commit {Commit} raced another writer, retrying: {Error}", commit is null ? "?" : Short(commit), e.Message);
        }
        catch (Exception e) when (e is ManifestException or GitSourceException)
        {
            _lastFailedCommit = commit;
            logger.LogError("Commit {Commit} not applied: {Error}", commit is null ? "?" : Short(commit), e.Message);
        }
    }

    private static string Short(string commit) => commit[..Math.Min(8, commit.Length)];
}
