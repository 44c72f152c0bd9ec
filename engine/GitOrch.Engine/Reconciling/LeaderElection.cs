using System.Text.Json;
using GitOrch.Store;
using Microsoft.Extensions.Logging;

namespace GitOrch.Engine.Reconciling;

/// <summary>
/// Elects one leader among several servers through a lease record in <c>meta</c>. The leader renews the
/// lease with compare-and-swap writes; a candidate takes it over once it has seen the same lease
/// revision, unrenewed, for the whole lease duration by its own clock, so clock skew between machines
/// does not matter. A leader that cannot renew within the renew deadline, which is shorter than the
/// lease, stops leading before anyone else may start.
/// </summary>
public sealed class LeaderElection(IObjectStore store, string identity, TimeProvider clock, ILogger logger)
{
    public const string LeaseKey = "leader.control-plane";

    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan RenewDeadline = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    public sealed record Lease(string Holder, DateTimeOffset RenewedAt);

    public string Identity => identity;

    /// <summary>Runs <paramref name="lead"/> whenever this process holds the lease, until cancelled.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var revision = await AcquireAsync(cancellationToken);
            logger.LogInformation("{Identity} is now the leader", identity);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var work = lead(leading.Token);
            var renewing = RenewAsync(revision, leading.Token);
            await Task.WhenAny(work, renewing);
            await leading.CancelAsync();
            await IgnoreCancellation(work);
            var lastRevision = await renewing;
            if (cancellationToken.IsCancellationRequested)
            {
                // Handing over at once spares the next leader the wait for the lease to run out.
                await store.DeleteAsync(Buckets.Meta, LeaseKey, lastRevision, CancellationToken.None);
                return;
            }
            if (work.IsFaulted) await work;
            logger.LogWarning("{Identity} lost the lease and stopped leading", identity);
        }
    }

    private async Task<long> AcquireAsync(CancellationToken cancellationToken)
    {
        long observedRevision = -1;
        var observedAt = clock.GetUtcNow();
        while (true)
        {
            try
            {
                var current = await store.GetAsync(Buckets.Meta, LeaseKey, cancellationToken);
                if (current is null)
                    return await store.CreateAsync(Buckets.Meta, LeaseKey, Encode(), cancellationToken);
                if (Decode(current.Value).Holder == identity)
                    return await store.UpdateAsync(Buckets.Meta, LeaseKey, Encode(), current.Revision, cancellationToken);
                if (current.Revision != observedRevision)
                {
                    observedRevision = current.Revision;
                    observedAt = clock.GetUtcNow();
                }
                else if (clock.GetUtcNow() - observedAt >= LeaseDuration)
                {
                    logger.LogInformation("The lease of {Holder} ran out; {Identity} takes over", Decode(current.Value).Holder, identity);
                    return await store.UpdateAsync(Buckets.Meta, LeaseKey, Encode(), current.Revision, cancellationToken);
                }
            }
            catch (ConflictException)
            {
                // Another candidate moved first; look again.
            }
            catch (StoreUnavailableException e)
            {
                logger.LogWarning("Cannot reach the store to elect a leader: {Error}", e.Message);
            }
            await Task.Delay(RetryInterval, clock, cancellationToken);
        }
    }

    /// <summary>Renews until cancelled or until the lease is lost; returns the last revision held.</summary>
    private async Task<long> RenewAsync(long revision, CancellationToken cancellationToken)
    {
        var renewedAt = clock.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RenewInterval, clock, cancellationToken);
                revision = await store.UpdateAsync(Buckets.Meta, LeaseKey, Encode(), revision, cancellationToken);
                renewedAt = clock.GetUtcNow();
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ConflictException)
            {
                return revision;
            }
            catch (Exception e) when (clock.GetUtcNow() - renewedAt < RenewDeadline)
            {
                logger.LogWarning("Renewing the lease failed, retrying: {Error}", e.Message);
            }
            catch (Exception)
            {
                return revision;
            }
        }
        return revision;
    }

    public static async Task<Lease?> ReadAsync(IObjectStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(Buckets.Meta, LeaseKey, cancellationToken) is { } entry ? Decode(entry.Value) : null;

    private byte[] Encode() => JsonSerializer.SerializeToUtf8Bytes(new Lease(identity, clock.GetUtcNow()));

    private static Lease Decode(byte[] json) => JsonSerializer.Deserialize<Lease>(json)!;

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception)
        {
            // Reported by the caller through task.IsFaulted.
        }
    }
}
