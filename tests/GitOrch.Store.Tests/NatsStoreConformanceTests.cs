using GitOrch.Store.Nats;
using GitOrch.TestSupport;

namespace GitOrch.Store.Tests;

/// <summary>Runs the conformance suite against a real nats-server, a fresh one per test class.</summary>
public sealed class NatsStoreConformanceTests : StoreConformanceTests, IAsyncLifetime
{
    private NatsServerProcess? _server;

    public async Task InitializeAsync() => _server = await NatsServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    protected override async Task<IObjectStore> OpenStoreAsync() => await NatsObjectStore.ConnectAsync(_server!.Url);

    [Fact]
    public async Task AValueInParts_LeavesNoPartsBehind_WhenItLosesACompareAndSwap_IsReplaced_OrIsDeleted()
    {
        await using var store = await OpenStoreAsync();
        var created = await store.CreateAsync(Buckets.Meta, "apply.journal", LargeValue('a'));
        await Assert.ThrowsAsync<ConflictException>(() => store.CreateAsync(Buckets.Meta, "apply.journal", LargeValue('b')));
        var replaced = await store.UpdateAsync(Buckets.Meta, "apply.journal", LargeValue('c'), created);
        var partsWhileHeld = await store.ListAsync(Buckets.Meta, "_parts.");

        await store.DeleteAsync(Buckets.Meta, "apply.journal", replaced);

        Assert.Equal(LargeValue('c'), partsWhileHeld.OrderBy(part => int.Parse(part.Key.Split('.')[^1])).SelectMany(part => part.Value).ToArray());
        Assert.Empty(await store.ListAsync(Buckets.Meta, "_parts."));
        Assert.Null(await store.GetAsync(Buckets.Meta, "apply.journal"));
    }

    [Fact]
    public async Task Connect_ToAClosedPort_ThrowsStoreUnavailable()
    {
        var url = $"nats://127.0.0.1:{NatsServerProcess.FreePort()}";

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => NatsObjectStore.ConnectAsync(url));

        Assert.Contains(url, error.Message);
    }

    [Fact]
    public async Task Connect_WithUserAndPassword_Works_AndAWrongPasswordFailsWithOneLineThatHidesIt()
    {
        var port = NatsServerProcess.FreePort();
        await using var secured = await NatsServerProcess.StartAsync(["--user", "alice", "--pass", "s3cret"], port);

        await using (var store = await NatsObjectStore.ConnectAsync($"nats://alice:s3cret@127.0.0.1:{port}"))
            await store.PutAsync(Buckets.Meta, "k", [1]);
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => NatsObjectStore.ConnectAsync($"nats://alice:wrong-pass@127.0.0.1:{port}"));

        Assert.DoesNotContain("wrong-pass", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
