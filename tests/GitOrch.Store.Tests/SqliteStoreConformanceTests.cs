using GitOrch.Store.Embedded;

namespace GitOrch.Store.Tests;

public sealed class SqliteStoreConformanceTests : StoreConformanceTests, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("gitorch-store-");

    protected override Task<IObjectStore> OpenStoreAsync() =>
        Task.FromResult<IObjectStore>(SqliteObjectStore.Open(Path.Combine(_directory.FullName, "store.db")));

    [Fact]
    public async Task ManyIdleWatches_AllSeeAnotherHandlesWrites_EvenAfterAQuietSpell()
    {
        await using var writer = await OpenStoreAsync();
        await using var reader = await OpenStoreAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var kinds = Enumerable.Range(0, 20).Select(i => $"kind{i}.").ToList();
        var watches = kinds.Select(prefix => reader.WatchAsync(Buckets.Objects, prefix, 0, timeout.Token).GetAsyncEnumerator(timeout.Token)).ToList();
        var firsts = watches.Select(watch => watch.MoveNextAsync().AsTask()).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(300), timeout.Token);

        foreach (var prefix in kinds)
            await writer.CreateAsync(Buckets.Objects, prefix + "default.a", [1]);

        Assert.All(await Task.WhenAll(firsts), Assert.True);
        Assert.Equal(kinds.Select(prefix => prefix + "default.a"), watches.Select(watch => watch.Current.Key));
        foreach (var watch in watches) await watch.DisposeAsync();
    }

    [Fact]
    public async Task TwoHandlesOnOneFile_SeeEachOthersWrites()
    {
        await using var writer = await OpenStoreAsync();
        await using var reader = await OpenStoreAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var watch = reader.WatchAsync(Buckets.Objects, "pods.", 0, timeout.Token).GetAsyncEnumerator(timeout.Token);

        await writer.CreateAsync(Buckets.Objects, "pods.default.a", [1]);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal("pods.default.a", watch.Current.Key);
    }

    [Fact]
    public void Open_OnAnUnwritablePath_ThrowsStoreUnavailable()
    {
        Assert.Throws<StoreUnavailableException>(() => SqliteObjectStore.Open("/proc/gitorch/store.db"));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
