using System.Text;
using GitOrch.Api.Model;

namespace GitOrch.Store.Tests;

/// <summary>The contract every IObjectStore keeps; each backend runs the same tests.</summary>
public abstract class StoreConformanceTests
{
    // A guard against a watch that never answers, not a measure: a busy machine may take this long to write 3 MB values.
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromSeconds(90);

    protected abstract Task<IObjectStore> OpenStoreAsync();

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[]? bytes) => Encoding.UTF8.GetString(bytes ?? []);

    [Fact]
    public async Task Create_ThenGet_ReturnsValueAndRevision()
    {
        await using var store = await OpenStoreAsync();

        var revision = await store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("one"));
        var entry = await store.GetAsync(Buckets.Objects, "pods.default.a");

        Assert.NotNull(entry);
        Assert.Equal("one", Text(entry.Value));
        Assert.Equal(revision, entry.Revision);
    }

    [Fact]
    public async Task Create_WhenKeyExists_ThrowsConflict()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("one"));

        await Assert.ThrowsAsync<ConflictException>(() => store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("two")));
        Assert.Equal("one", Text((await store.GetAsync(Buckets.Objects, "pods.default.a"))!.Value));
    }

    [Fact]
    public async Task Update_WithStaleRevision_ThrowsConflictAndKeepsValue()
    {
        await using var store = await OpenStoreAsync();
        var first = await store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("one"));
        var second = await store.UpdateAsync(Buckets.Objects, "pods.default.a", Bytes("two"), first);

        await Assert.ThrowsAsync<ConflictException>(() => store.UpdateAsync(Buckets.Objects, "pods.default.a", Bytes("three"), first));

        Assert.True(second > first);
        Assert.Equal("two", Text((await store.GetAsync(Buckets.Objects, "pods.default.a"))!.Value));
    }

    [Fact]
    public async Task Delete_WithStaleRevision_ThrowsConflict_AndWithCurrentRevision_Deletes()
    {
        await using var store = await OpenStoreAsync();
        var first = await store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("one"));
        var second = await store.UpdateAsync(Buckets.Objects, "pods.default.a", Bytes("two"), first);

        await Assert.ThrowsAsync<ConflictException>(() => store.DeleteAsync(Buckets.Objects, "pods.default.a", first));
        await store.DeleteAsync(Buckets.Objects, "pods.default.a", second);

        Assert.Null(await store.GetAsync(Buckets.Objects, "pods.default.a"));
    }

    [Fact]
    public async Task Create_AfterDelete_Succeeds()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("one"));
        await store.DeleteAsync(Buckets.Objects, "pods.default.a");

        await store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("again"));

        Assert.Equal("again", Text((await store.GetAsync(Buckets.Objects, "pods.default.a"))!.Value));
    }

    [Fact]
    public async Task List_ByPrefix_ReturnsOnlyThatKindAndNamespace()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("a"));
        await store.CreateAsync(Buckets.Objects, "pods.default.b", Bytes("b"));
        await store.CreateAsync(Buckets.Objects, "pods.other.c", Bytes("c"));
        await store.CreateAsync(Buckets.Objects, "services.default.a", Bytes("s"));
        await store.CreateAsync(Buckets.Objects, "pods.default.gone", Bytes("x"));
        await store.DeleteAsync(Buckets.Objects, "pods.default.gone");

        var inDefault = await store.ListAsync(Buckets.Objects, "pods.default.");
        var allPods = await store.ListAsync(Buckets.Objects, "pods.");
        var none = await store.ListAsync(Buckets.Objects, "deployments.");

        Assert.Equal(["pods.default.a", "pods.default.b"], inDefault.Select(e => e.Key));
        Assert.Equal(3, allPods.Count);
        Assert.Empty(none);
    }

    [Fact]
    public async Task ListRevisions_GivesEachCurrentKeysLatestRevision_UnderThePrefixOnly()
    {
        await using var store = await OpenStoreAsync();
        var a = await store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("a"));
        a = await store.UpdateAsync(Buckets.Objects, "pods.default.a", Bytes("a2"), a);
        var b = await store.CreateAsync(Buckets.Objects, "pods.other.b", Bytes("b"));
        await store.CreateAsync(Buckets.Objects, "pods.default.gone", Bytes("x"));
        await store.DeleteAsync(Buckets.Objects, "pods.default.gone");
        await store.CreateAsync(Buckets.Objects, "services.default.a", Bytes("s"));
        await store.PutAsync(Buckets.Status, "pods.default.a", Bytes("status"));

        var revisions = await store.ListRevisionsAsync(Buckets.Objects, "pods.");

        Assert.Equal(new Dictionary<string, long> { ["pods.default.a"] = a, ["pods.other.b"] = b }, revisions);
        Assert.Empty(await store.ListRevisionsAsync(Buckets.Objects, "deployments."));
    }

    [Fact]
    public async Task List_WhileItsKeysAreWritten_GivesEachKeyOnce()
    {
        await using var store = await OpenStoreAsync();
        var keys = Enumerable.Range(0, 20).Select(i => $"pods.default.p{i}").ToList();
        foreach (var key in keys) await store.PutAsync(Buckets.Status, key, Bytes("0"));
        using var done = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 1; !done.IsCancellationRequested; i++)
                await store.PutAsync(Buckets.Status, keys[i % keys.Count], Bytes($"{i}"));
        });

        for (var attempt = 0; attempt < 50; attempt++)
            Assert.Equal(keys.Order(StringComparer.Ordinal), (await store.ListAsync(Buckets.Status, "pods.default.")).Select(entry => entry.Key));
        await done.CancelAsync();
        await writer;
    }

    [Fact]
    public async Task Delete_WithoutARevision_WinsOverWritesThatRaceIt()
    {
        await using var store = await OpenStoreAsync();
        using var done = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !done.IsCancellationRequested; i++)
                await store.PutAsync(Buckets.Status, "pods.default.a", Bytes($"status {writer}.{i}"));
        })).ToList();

        for (var i = 0; i < 300; i++)
            await store.DeleteAsync(Buckets.Status, "pods.default.a");
        await done.CancelAsync();
        await Task.WhenAll(writers);
    }

    [Fact]
    public async Task Buckets_AreIndependent()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("spec"));
        await store.PutAsync(Buckets.Status, "pods.default.a", Bytes("status"));

        Assert.Equal("spec", Text((await store.GetAsync(Buckets.Objects, "pods.default.a"))!.Value));
        Assert.Equal("status", Text((await store.GetAsync(Buckets.Status, "pods.default.a"))!.Value));
    }

    /// <summary>Bigger than one NATS message (1 MB by default): a release's index of 10,000 objects is this size.</summary>
    protected static byte[] LargeValue(char fill) => Bytes(new string(fill, 3 * 1024 * 1024 + 17));

    [Fact]
    public async Task ValuesBiggerThanOneMessage_RoundTripThroughCreateUpdateListAndWatch()
    {
        await using var store = await OpenStoreAsync();
        using var timeout = new CancellationTokenSource(WatchTimeout);
        await using var watch = store.WatchAsync(Buckets.Meta, "release-objects.", 0, timeout.Token).GetAsyncEnumerator(timeout.Token);

        var created = await store.CreateAsync(Buckets.Meta, "release-objects.1", LargeValue('a'));
        await Assert.ThrowsAsync<ConflictException>(() => store.CreateAsync(Buckets.Meta, "release-objects.1", LargeValue('b')));
        await Assert.ThrowsAsync<ConflictException>(() => store.UpdateAsync(Buckets.Meta, "release-objects.1", LargeValue('c'), created + 1000));
        var updated = await store.UpdateAsync(Buckets.Meta, "release-objects.1", LargeValue('d'), created);

        Assert.Equal(LargeValue('d'), (await store.GetAsync(Buckets.Meta, "release-objects.1"))!.Value);
        Assert.Equal(updated, (await store.GetAsync(Buckets.Meta, "release-objects.1"))!.Revision);
        Assert.Equal([LargeValue('d')], (await store.ListAsync(Buckets.Meta, "release-objects.")).Select(entry => entry.Value));
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(LargeValue('d'), watch.Current.Value);
    }

    [Fact]
    public async Task Watch_FromZero_YieldsCurrentEntriesThenChanges()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("a"));
        using var timeout = new CancellationTokenSource(WatchTimeout);
        await using var watch = store.WatchAsync(Buckets.Objects, "pods.", 0, timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(("pods.default.a", "a"), (watch.Current.Key, Text(watch.Current.Value)));

        var revision = await store.CreateAsync(Buckets.Objects, "pods.default.b", Bytes("b"));
        await store.CreateAsync(Buckets.Objects, "services.default.ignored", Bytes("s"));
        await store.DeleteAsync(Buckets.Objects, "pods.default.a");

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal((WatchEventType.Put, "pods.default.b", revision), (watch.Current.Type, watch.Current.Key, watch.Current.Revision));
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal((WatchEventType.Delete, "pods.default.a"), (watch.Current.Type, watch.Current.Key));
    }

    [Fact]
    public async Task Watch_FromRevision_ResumesWithEveryLaterChangeAndNoEarlierOne()
    {
        await using var store = await OpenStoreAsync();
        var seen = await store.CreateAsync(Buckets.Objects, "pods.default.a", Bytes("a1"));
        var missedUpdate = await store.UpdateAsync(Buckets.Objects, "pods.default.a", Bytes("a2"), seen);
        await store.CreateAsync(Buckets.Objects, "pods.default.b", Bytes("b"));
        await store.DeleteAsync(Buckets.Objects, "pods.default.b");
        using var timeout = new CancellationTokenSource(WatchTimeout);

        var events = new List<WatchEvent>();
        await foreach (var change in store.WatchAsync(Buckets.Objects, "pods.", seen, timeout.Token))
        {
            events.Add(change);
            if (events.Count == 3) break;
        }

        Assert.Equal(
            [(WatchEventType.Put, "pods.default.a"), (WatchEventType.Put, "pods.default.b"), (WatchEventType.Delete, "pods.default.b")],
            events.Select(e => (e.Type, e.Key)));
        Assert.Equal(missedUpdate, events[0].Revision);
        Assert.Equal("a2", Text(events[0].Value));
        Assert.True(events[0].Revision < events[1].Revision && events[1].Revision < events[2].Revision);
    }

    [Fact]
    public async Task ObjectClient_RoundTripsTypedObjectsWithStatus()
    {
        await using var store = await OpenStoreAsync();
        var client = new ObjectClient(store);
        var pod = new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta { Name = "web.v1", Namespace = "default", Labels = new() { ["app"] = "web" } },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox" }] },
        };

        var created = await client.CreateAsync(pod);
        await client.PutStatusAsync(created, new PodStatus { Phase = "Running", PodIP = "10.0.0.5" });
        var read = await client.GetAsync<Pod>("default", "web.v1");
        var listed = await client.ListAsync<Pod>("default", SelectorParser.Parse("app=web"));
        var stale = created with { Spec = created.Spec with { NodeName = "n1" } };
        await client.UpdateAsync(stale);

        Assert.NotNull(read);
        Assert.Equal("Running", read.Status!.Phase);
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Single(listed);
        Assert.Equal(2, (await client.GetAsync<Pod>("default", "web.v1"))!.Metadata.Generation);
        await Assert.ThrowsAsync<ConflictException>(() => client.UpdateAsync(stale));
    }
}
