using System.Collections.Concurrent;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.Engine.Releases;

/// <summary>Who holds the journal: a machine, a process, and one apply within it.</summary>
public sealed record JournalOwner(string Host, int ProcessId, string RunId, DateTimeOffset StartedAt);

/// <summary>
/// The release an apply is writing, kept in meta until it is recorded. Creating it is the lock that
/// makes one of two concurrent applies lose. If its writer died, the next apply finishes it first, so
/// the store converges to exactly that release's objects.
/// </summary>
public sealed record JournalEntry(Release Release, ReleaseObjects Objects, JournalOwner Owner);

public sealed class ApplyJournal(IObjectStore store)
{
    public const string Key = "apply.journal";

    /// <summary>On another machine the owner cannot be checked; a journal this old is taken to be abandoned.</summary>
    private static readonly TimeSpan RemoteOwnerTimeout = TimeSpan.FromMinutes(10);

    private static readonly ConcurrentDictionary<string, bool> ActiveRuns = new();

    public static JournalOwner NewOwner() =>
        new(Environment.MachineName, Environment.ProcessId, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow);

    public async Task<(JournalEntry Entry, long Revision)?> ReadAsync(CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(Buckets.Meta, Key, cancellationToken);
        return entry is null ? null : (ObjectJson.FromBytes<JournalEntry>(entry.Value), entry.Revision);
    }

    /// <summary>
    /// Takes the journal for a new release; throws <see cref="ConflictException"/> when another apply holds it.
    /// The run is registered as active before the journal can be seen, so another apply in this process
    /// that reads it in between never takes it for abandoned.
    /// </summary>
    public async Task<long> BeginAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        ActiveRuns[entry.Owner.RunId] = true;
        try
        {
            return await store.CreateAsync(Buckets.Meta, Key, ObjectJson.ToBytes(entry), cancellationToken);
        }
        catch (ConflictException)
        {
            Forget(entry.Owner);
            var holder = await ReadAsync(cancellationToken);
            throw new ConflictException(Buckets.Meta, Key, holder is null ? "another apply just finished; plan again" : Describe(holder.Value.Entry));
        }
        catch
        {
            Forget(entry.Owner);
            throw;
        }
    }

    /// <summary>Takes over an abandoned journal, as one compare-and-swap, so two recovering processes cannot both finish it; registered first, as in <see cref="BeginAsync"/>.</summary>
    public async Task<(JournalEntry Entry, long Revision)> TakeOverAsync(JournalEntry entry, long revision, JournalOwner owner, CancellationToken cancellationToken)
    {
        var taken = entry with { Owner = owner };
        ActiveRuns[owner.RunId] = true;
        try
        {
            return (taken, await store.UpdateAsync(Buckets.Meta, Key, ObjectJson.ToBytes(taken), revision, cancellationToken));
        }
        catch
        {
            Forget(owner);
            throw;
        }
    }

    public async Task EndAsync(JournalEntry entry, long revision, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(Buckets.Meta, Key, revision, cancellationToken);
        Forget(entry.Owner);
    }

    /// <summary>Marks the owner's apply as over in this process, whether or not it removed the journal.</summary>
    public static void Forget(JournalOwner owner) => ActiveRuns.TryRemove(owner.RunId, out _);

    public static bool IsAbandoned(JournalOwner owner)
    {
        if (owner.Host != Environment.MachineName)
            return DateTimeOffset.UtcNow - owner.StartedAt > RemoteOwnerTimeout;
        if (owner.ProcessId == Environment.ProcessId)
            return !ActiveRuns.ContainsKey(owner.RunId);
        return !LocalProcesses.IsRunning(owner.ProcessId);
    }

    public static string Describe(JournalEntry entry) =>
        $"another apply is in progress: release {entry.Release.Number} (commit {entry.Release.ShortCommit}) by process {entry.Owner.ProcessId} " +
        $"on {entry.Owner.Host}, started {entry.Owner.StartedAt:u}";
}
