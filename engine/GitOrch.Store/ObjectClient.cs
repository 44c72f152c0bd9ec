using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Store;

/// <summary>A change to one object's spec or status, named by its store key, with the new JSON (none for a delete).</summary>
public sealed record ObjectEvent(WatchEventType Type, string Key, long Revision, bool IsStatus, byte[]? Value);

/// <summary>
/// Typed access to objects. Specs live in the objects bucket and status in the status bucket, under
/// the same key; reads merge them so callers see one object, as kubectl shows it.
/// </summary>
public sealed class ObjectClient(IObjectStore store, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public IObjectStore Store => store;

    public async Task<T?> GetAsync<T>(string? ns, string name, CancellationToken cancellationToken = default) where T : KubeObject =>
        (T?)await GetAsync(Kinds.For<T>(), ns, name, cancellationToken);

    public async Task<KubeObject?> GetAsync(KindInfo info, string? ns, string name, CancellationToken cancellationToken = default)
    {
        var key = ObjectKeys.For(info, ns, name);
        var spec = await store.GetAsync(Buckets.Objects, key, cancellationToken);
        if (spec is null) return null;
        var status = await store.GetAsync(Buckets.Status, key, cancellationToken);
        return Decode(spec, status);
    }

    /// <summary>Reads an object's spec, without its status, by its store key such as <c>deployments.default.web</c>.</summary>
    public async Task<KubeObject?> GetSpecByKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        var spec = await store.GetAsync(Buckets.Objects, key, cancellationToken);
        return spec is null ? null : Decode(spec, null);
    }

    /// <summary>Every object of a kind, specs only: for comparisons, which never look at status.</summary>
    public async Task<IReadOnlyList<KubeObject>> ListSpecsAsync(KindInfo info, CancellationToken cancellationToken = default) =>
        (await store.ListAsync(Buckets.Objects, ObjectKeys.Prefix(info, null), cancellationToken)).Select(spec => Decode(spec, null)).ToList();

    public async Task<IReadOnlyList<T>> ListAsync<T>(string? ns = null, LabelSelector? selector = null, CancellationToken cancellationToken = default)
        where T : KubeObject =>
        (await ListAsync(Kinds.For<T>(), ns, selector, cancellationToken)).Cast<T>().ToList();

    public async Task<IReadOnlyList<KubeObject>> ListAsync(KindInfo info, string? ns = null, LabelSelector? selector = null, CancellationToken cancellationToken = default)
    {
        var prefix = ObjectKeys.Prefix(info, ns);
        var specs = await store.ListAsync(Buckets.Objects, prefix, cancellationToken);
        var statuses = (await store.ListAsync(Buckets.Status, prefix, cancellationToken)).ToDictionary(entry => entry.Key);
        return specs
            .Select(spec => Decode(spec, statuses.GetValueOrDefault(spec.Key)))
            .Where(obj => selector is null || selector.Matches(obj.Labels))
            .ToList();
    }

    /// <summary>Creates the object, assigning uid, creation time, generation 1 and its resourceVersion.</summary>
    public async Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : KubeObject
    {
        var created = obj with
        {
            Metadata = obj.Metadata with
            {
                Uid = Guid.NewGuid().ToString(),
                CreationTimestamp = _clock.GetUtcNow(),
                Generation = 1,
                ResourceVersion = null,
            },
        };
        var revision = await store.CreateAsync(Buckets.Objects, ObjectKeys.For(created), EncodeSpec(created), cancellationToken);
        return WithRevision(created, revision);
    }

    /// <summary>Compare-and-swap on the object's resourceVersion; a changed spec bumps the generation.</summary>
    public async Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : KubeObject
    {
        var current = await store.GetAsync(Buckets.Objects, ObjectKeys.For(obj), cancellationToken)
            ?? throw new ConflictException(Buckets.Objects, ObjectKeys.For(obj), "object was deleted");
        var specChanged = current.Revision == ParseRevision(obj) && SpecOf(current.Value) != SpecOf(EncodeSpec(obj));
        return await WriteUpdateAsync(obj, specChanged, cancellationToken);
    }

    /// <summary>
    /// The same compare-and-swap for a caller that holds the object as it read it at that revision, so
    /// deciding whether the generation moves needs no extra read.
    /// </summary>
    public Task<T> UpdateAsync<T>(T obj, T previous, CancellationToken cancellationToken = default) where T : KubeObject =>
        WriteUpdateAsync(obj, SpecOf(EncodeSpec(previous)) != SpecOf(EncodeSpec(obj)), cancellationToken);

    private async Task<T> WriteUpdateAsync<T>(T obj, bool specChanged, CancellationToken cancellationToken) where T : KubeObject
    {
        var generation = specChanged ? (obj.Metadata.Generation ?? 0) + 1 : obj.Metadata.Generation;
        var updated = obj with { Metadata = obj.Metadata with { Generation = generation, ResourceVersion = null } };
        var revision = await store.UpdateAsync(Buckets.Objects, ObjectKeys.For(obj), EncodeSpec(updated), ParseRevision(obj), cancellationToken);
        return WithRevision(updated, revision);
    }

    /// <summary>Deletes the object if it has not moved since it was read, and its status with it.</summary>
    public async Task DeleteAsync(KubeObject obj, CancellationToken cancellationToken = default)
    {
        var key = ObjectKeys.For(obj);
        await store.DeleteAsync(Buckets.Objects, key, ParseRevision(obj), cancellationToken);
        await store.DeleteAsync(Buckets.Status, key, cancellationToken: cancellationToken);
    }

    /// <summary>Writes an object's status; the status bucket has one writer per object, so there is no CAS.</summary>
    public Task PutStatusAsync(KubeObject obj, object status, CancellationToken cancellationToken = default) =>
        store.PutAsync(Buckets.Status, ObjectKeys.For(obj), JsonSerializer.SerializeToUtf8Bytes(status, status.GetType(), ObjectJson.Options), cancellationToken);

    /// <summary>Watches one kind's specs and statuses together; both report the object's key.</summary>
    public async IAsyncEnumerable<ObjectEvent> WatchAsync(KindInfo info, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prefix = ObjectKeys.Prefix(info, null);
        await foreach (var (bucket, change) in MergedWatch.WatchAsync(store, [Buckets.Objects, Buckets.Status], prefix, cancellationToken))
            yield return new ObjectEvent(change.Type, change.Key, change.Revision, bucket == Buckets.Status, change.Value);
    }

    /// <summary>The store revision an object was read or written at.</summary>
    public static long ParseRevision(KubeObject obj) =>
        long.TryParse(obj.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : throw new ArgumentException($"{obj.Kind} \"{obj.Name}\" has no resourceVersion; read it before writing it");

    private static T WithRevision<T>(T obj, long revision) where T : KubeObject =>
        obj with { Metadata = obj.Metadata with { ResourceVersion = revision.ToString(CultureInfo.InvariantCulture) } };

    private static byte[] EncodeSpec(KubeObject obj)
    {
        var node = ObjectJson.ToNode(obj);
        node.Remove("status");
        node["metadata"]!.AsObject().Remove("resourceVersion");
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    /// <summary>Everything but metadata: a change here is a change of the object's desired state.</summary>
    private static string SpecOf(byte[] json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("metadata");
        return node.ToJsonString();
    }

    private static KubeObject Decode(StoreEntry spec, StoreEntry? status) => Decode(spec.Value, spec.Revision, status?.Value);

    /// <summary>One object from its spec JSON at a revision and, if it has one, its status JSON.</summary>
    public static KubeObject Decode(byte[] spec, long revision, byte[]? status)
    {
        if (Encryption.EncryptingStore.IsEncrypted(spec))
            throw new StoreUnavailableException($"a stored Secret is encrypted and this process has no secrets key: set {Encryption.SecretsKey.EnvironmentVariable} to the cluster's secrets.key");
        var node = JsonNode.Parse(spec)!.AsObject();
        node["metadata"]!.AsObject()["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
        if (status is not null)
            node["status"] = JsonNode.Parse(status);
        return ObjectJson.FromNode(node);
    }
}
