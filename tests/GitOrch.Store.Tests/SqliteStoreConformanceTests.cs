using GitOrch.Store.Embedded;

namespace GitOrch.Store.Tests;

public sealed class SqliteStoreConformanceTests : StoreConformanceTests, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("gitorch-store-");

    protected override Task<IObjectStore> OpenStoreAsync() =>
        Task.FromResult<IObjectStore>(SqliteObjectStore.Open(Path.Combine(_directory.FullName, "store.db")));

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
