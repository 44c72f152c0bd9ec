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
    public async Task Connect_ToAClosedPort_ThrowsStoreUnavailable()
    {
        var url = $"nats://127.0.0.1:{NatsServerProcess.FreePort()}";

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => NatsObjectStore.ConnectAsync(url));

        Assert.Contains(url, error.Message);
    }

    [Fact]
    public async Task Connect_WithCredentials_FailsWithOneLineThatNamesTheMissingAssemblyAndHidesThePassword()
    {
        var port = NatsServerProcess.FreePort();
        await using var secured = await NatsServerProcess.StartAsync(["--user", "alice", "--pass", "s3cret"], port);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => NatsObjectStore.ConnectAsync($"nats://alice:s3cret@127.0.0.1:{port}"));

        Assert.Contains("NATS.NKeys.dll", error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
