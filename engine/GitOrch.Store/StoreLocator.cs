using GitOrch.Api.Model;
using GitOrch.Store.Embedded;
using GitOrch.Store.Encryption;
using GitOrch.Store.Nats;

namespace GitOrch.Store;

/// <summary>
/// Opens the store a verb names: a <c>nats://</c> URL, or a file path for the embedded store. With
/// neither <c>--store</c> nor <c>GITORCH_STORE</c>, every verb finds the same embedded file that <c>up</c> uses.
/// Secrets are encrypted in the embedded store always, and in NATS when <c>GITORCH_SECRETS_KEY_FILE</c> names a key.
/// </summary>
public static class StoreLocator
{
    public const string EnvironmentVariable = "GITORCH_STORE";

    public static string Home =>
        Environment.GetEnvironmentVariable("GITORCH_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".gitorch");

    public static string DefaultEmbeddedPath => Path.Combine(Home, "store.db");

    public static string Resolve(string? flag) =>
        flag is { Length: > 0 } ? flag
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultEmbeddedPath;

    public static bool IsNats(string location) =>
        location.StartsWith("nats://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("tls://", StringComparison.OrdinalIgnoreCase);

    /// <summary>How many NATS servers keep each bucket when GitOrch creates it (env GITORCH_STORE_REPLICAS; default 1).</summary>
    private static int BucketReplicas() =>
        int.TryParse(Environment.GetEnvironmentVariable("GITORCH_STORE_REPLICAS"), out var replicas) && replicas is >= 1 and <= 5 ? replicas : 1;

    private static async Task<IObjectStore> OpenNatsAsync(string location, CancellationToken cancellationToken)
    {
        var key = SecretsKey.ConfiguredPath is { } keyPath ? SecretsKey.Load(keyPath) : null;
        var nats = await NatsObjectStore.ConnectAsync(location, BucketReplicas(), cancellationToken);
        return key is null ? nats : new EncryptingStore(nats, key);
    }

    private static IObjectStore OpenEmbedded(string location)
    {
        var embedded = SqliteObjectStore.Open(location);
        return new EncryptingStore(embedded, SecretsKey.ForEmbedded(location));
    }

    /// <summary>Opens the store and registers the kinds of the CustomResourceDefinitions it holds, so their resources can be read.</summary>
    public static async Task<IObjectStore> OpenAsync(string? flag, CancellationToken cancellationToken = default)
    {
        var location = Resolve(flag);
        var store = IsNats(location)
            ? await OpenNatsAsync(location, cancellationToken)
            : OpenEmbedded(location);
        foreach (var definition in await new ObjectClient(store).ListAsync<CustomResourceDefinition>(cancellationToken: cancellationToken))
            Kinds.Register(definition);
        return store;
    }
}
