using GitOrch.Api.Serialization;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Releases;
using GitOrch.Store;
using Microsoft.Extensions.Logging;
using GitOrch.Engine.Git;

namespace GitOrch.Engine.Sync;

/// <summary>
/// Auto-sync: polls the repository (or wakes on <see cref="TriggerNow"/>) and applies each new commit. A
/// commit that fails to load is reported once and left unapplied. A rollback's pin holds until Git gets a
/// new commit. With self-heal, drift from the latest release is restored on every round; with
/// orphan pruning, objects nothing accounts for are deleted on every round.
/// </summary>
public sealed class GitSyncLoop(ManifestRepository repository, ObjectClient client, ILogger<GitSyncLoop> logger, SyncLoopOptions options)
{
    private readonly GitOps _gitops = new(client.Store, repository);
    private readonly DriftDetector _drift = new(client);
    private readonly OrphanFinder _orphans = new(client);
    private readonly ApplyJournal _journal = new(client.Store);
    private readonly SemaphoreSlim _wake = new(0);
    private string? _lastFailedCommit;

    /// <summary>Whether a failure may be on record, which the next good round clears; an earlier process may have left one.</summary>
    private bool _failureRecorded = true;

    /// <summary>Starts a round now instead of at the next poll, as a webhook asks.</summary>
    public void TriggerNow()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await _gitops.RememberSourceAsync(options.Revision, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            await SyncOnceAsync(cancellationToken);
            if (options.SelfHeal) await HealAsync(cancellationToken);
            if (options.PruneOrphans) await PruneOrphansAsync(cancellationToken);
            await _wake.WaitAsync(options.Interval, cancellationToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    private async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        string? commit = null;
        try
        {
            repository.Fetch();
            commit = repository.Resolve(options.Revision);
            if (await _gitops.ReadPinAsync(cancellationToken) is { } pin)
            {
                if (pin.GitHead == commit) return;
                await _gitops.UnpinAsync(cancellationToken);
                logger.LogInformation("Git moved to {Commit}: auto-sync resumes (it was pinned at release {Release})", ShortSha.Of(commit), pin.Release);
            }
            var latest = await _gitops.CurrentReleaseAsync(cancellationToken);
            var interrupted = await _journal.ReadAsync(cancellationToken) is not null;
            if ((latest?.Commit == commit && !interrupted) || commit == _lastFailedCommit) return;

            var result = await _gitops.ApplyNextAsync(commit, cancellationToken);
            if (_failureRecorded)
            {
                await _gitops.ClearFailureAsync(cancellationToken);
                _failureRecorded = false;
            }
            if (result.Recovered is { } recovered)
                logger.LogWarning("Finished release {Release} (commit {Commit}), which an earlier process left half-applied", recovered.Number, recovered.ShortCommit);
            foreach (var warning in result.Release is null ? [] : result.Warnings)
                logger.LogWarning("{Warning}", warning);
            if (result.Release is { } release)
                logger.LogInformation("Release {Release}: commit {Commit}, {Count} change(s)", release.Number, ShortSha.Of(commit), result.Changes.Count);
            foreach (var change in result.Changes)
                logger.LogInformation("  {Change}", change.Describe());
        }
        catch (ConflictException e)
        {
            logger.LogWarning("Commit {Commit} not applied yet: {Error}", commit is null ? "?" : ShortSha.Of(commit), e.Message);
        }
        catch (Exception e) when (e is ManifestException or GitSourceException or PlanRefusedException or SyncPhaseFailedException)
        {
            _lastFailedCommit = commit;
            logger.LogError("Commit {Commit} not applied: {Error}", commit is null ? "?" : ShortSha.Of(commit), e.Message);
            if (commit is not null)
            {
                await _gitops.RecordFailureAsync(new SyncFailure(commit, e.Message, DateTimeOffset.UtcNow), cancellationToken);
                _failureRecorded = true;
            }
        }
    }

    private async Task HealAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var change in await _drift.HealAsync(cancellationToken))
                logger.LogWarning("Self-heal: {Change} (the live object had drifted from Git)", change.Describe());
        }
        catch (ConflictException e)
        {
            logger.LogInformation("Self-heal raced another writer and will retry: {Error}", e.Message);
        }
    }

    private async Task PruneOrphansAsync(CancellationToken cancellationToken)
    {
        foreach (var orphan in await _orphans.PruneAsync(cancellationToken))
            logger.LogWarning("Pruned orphan {Kind} {Key}: no commit declares it and nothing owns it", orphan.Kind, ObjectKeys.For(orphan));
    }
}

public sealed record SyncLoopOptions(string Revision, TimeSpan Interval, bool SelfHeal = false, bool PruneOrphans = false);
