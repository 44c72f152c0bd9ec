using GitOrch.Engine.Releases;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

public sealed class ApplyJournalTests
{
    /// <summary>Runs a check the moment the journal's create is visible, before <see cref="ApplyJournal.BeginAsync"/> returns.</summary>
    private sealed class StoreWithCreateHook(IObjectStore inner, Func<Task> afterCreate) : IObjectStore
    {
        public string Description => inner.Description;
        public Task<StoreEntry?> GetAsync(string bucket, string key, CancellationToken cancellationToken = default) => inner.GetAsync(bucket, key, cancellationToken);
        public Task<IReadOnlyList<StoreEntry>> ListAsync(string bucket, string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(bucket, prefix, cancellationToken);
        public Task<long> UpdateAsync(string bucket, string key, byte[] value, long expectedRevision, CancellationToken cancellationToken = default) => inner.UpdateAsync(bucket, key, value, expectedRevision, cancellationToken);
        public Task<long> PutAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default) => inner.PutAsync(bucket, key, value, cancellationToken);
        public Task DeleteAsync(string bucket, string key, long? expectedRevision = null, CancellationToken cancellationToken = default) => inner.DeleteAsync(bucket, key, expectedRevision, cancellationToken);
        public IAsyncEnumerable<WatchEvent> WatchAsync(string bucket, string prefix, long fromRevision, CancellationToken cancellationToken = default) => inner.WatchAsync(bucket, prefix, fromRevision, cancellationToken);
        public ValueTask DisposeAsync() => inner.DisposeAsync();

        public async Task<long> CreateAsync(string bucket, string key, byte[] value, CancellationToken cancellationToken = default)
        {
            var revision = await inner.CreateAsync(bucket, key, value, cancellationToken);
            await afterCreate();
            return revision;
        }
    }

    private static JournalEntry Entry() => new(
        new Release(1, new string('a', 40), "dev", "one", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, Release.SyncReason, []),
        new ReleaseObjects([]),
        ApplyJournal.NewOwner());

    [Fact]
    public async Task Begin_RegistersItsRun_BeforeAnotherApplyCanReadTheJournal()
    {
        bool? seenAsAbandoned = null;
        IObjectStore store = null!;
        store = new StoreWithCreateHook(new InMemoryObjectStore(), async () =>
        {
            var (held, _) = (await new ApplyJournal(store).ReadAsync(CancellationToken.None))!.Value;
            seenAsAbandoned = ApplyJournal.IsAbandoned(held.Owner);
        });
        var entry = Entry();

        await new ApplyJournal(store).BeginAsync(entry, CancellationToken.None);

        Assert.False(seenAsAbandoned, "a journal whose apply is still beginning was taken for abandoned");
        ApplyJournal.Forget(entry.Owner);
    }

    [Fact]
    public async Task Begin_ThatLosesTheRace_LeavesNoActiveRunBehind()
    {
        var store = new InMemoryObjectStore();
        var journal = new ApplyJournal(store);
        var winner = Entry();
        var loser = Entry();
        await journal.BeginAsync(winner, CancellationToken.None);

        await Assert.ThrowsAsync<ConflictException>(() => journal.BeginAsync(loser, CancellationToken.None));

        Assert.True(ApplyJournal.IsAbandoned(loser.Owner));
        Assert.False(ApplyJournal.IsAbandoned(winner.Owner));
        ApplyJournal.Forget(winner.Owner);
    }
}
