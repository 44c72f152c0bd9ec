using GitOrch.Api.Model;
using GitOrch.Engine.Git;
using GitOrch.Engine.Sync;
using GitOrch.Store;

namespace GitOrch.Cli.Output;

/// <summary>
/// Follows a Deployment's rollout until it ends, printing each change of state and, during a Canary or
/// BlueGreen release, the traffic each version got. Exit code 0 on success, 1 on failure, abort or timeout.
/// </summary>
public sealed class RolloutWaiter(ObjectClient client, TextWriter output, TextWriter error)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MetricsInterval = TimeSpan.FromSeconds(5);

    /// <param name="pending">A commit auto-sync has yet to apply: the rollout it starts is waited for, not the one before it.</param>
    /// <param name="watch">False prints where the rollout stands once and exits 0 unless it failed.</param>
    public async Task<int> WaitAsync(Deployment deployment, PendingCommit? pending, TimeSpan? timeout, bool watch, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit) deadline.CancelAfter(limit);
        var metrics = new ReleaseMetrics(client);
        var lastMetrics = DateTimeOffset.UtcNow;
        string? last = null;
        try
        {
            while (true)
            {
                if (pending is not null)
                {
                    var sync = await pending.ReadAsync(deadline.Token);
                    if (sync.Phase == CommitSyncPhase.Failed)
                    {
                        await error.WriteLineAsync($"error: commit {ShortSha.Of(pending.Sha)} could not be applied: {sync.Error!.Split('\n')[0]}");
                        return ExitCodes.Failure;
                    }
                    if (sync.Phase == CommitSyncPhase.Pending)
                    {
                        var waiting = $"Waiting for commit {ShortSha.Of(pending.Sha)} to be synced...";
                        if (waiting != last) await output.WriteLineAsync(waiting);
                        last = waiting;
                        if (!watch) return ExitCodes.Success;
                        await Task.Delay(PollInterval, deadline.Token);
                        continue;
                    }
                    pending = null;
                    deployment = await ReadAsync(deployment, deadline.Token);
                }
                var (done, failed, message) = RolloutProgress.Describe(deployment);
                if (message != last) await (failed ? error : output).WriteLineAsync(failed ? $"error: {message}" : message);
                last = message;
                if (done || !watch)
                {
                    foreach (var line in ReleaseMetrics.Measurements(deployment)) await output.WriteLineAsync(line);
                    return failed ? ExitCodes.Failure : ExitCodes.Success;
                }
                if (deployment.Status?.Rollout?.CanaryHash is not null && DateTimeOffset.UtcNow - lastMetrics >= MetricsInterval)
                {
                    foreach (var line in await metrics.SinceLastAsync(deployment, deadline.Token)) await output.WriteLineAsync(line);
                    lastMetrics = DateTimeOffset.UtcNow;
                }
                await Task.Delay(PollInterval, deadline.Token);
                deployment = await ReadAsync(deployment, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"error: timed out after {timeout} waiting for deployment \"{deployment.Name}\" to roll out");
            return ExitCodes.Failure;
        }
    }

    private async Task<Deployment> ReadAsync(Deployment deployment, CancellationToken cancellationToken) =>
        await client.GetAsync<Deployment>(deployment.Namespace, deployment.Name, cancellationToken)
        ?? throw new NotFoundException($"deployment \"{deployment.Name}\" in namespace {deployment.Namespace}");
}

/// <summary>A commit auto-sync has yet to apply, and how to ask where the sync stands with it.</summary>
public sealed record PendingCommit(string Sha, Func<CancellationToken, Task<CommitSync>> ReadAsync);
