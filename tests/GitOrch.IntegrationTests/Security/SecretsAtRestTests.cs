using System.Text;
using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Store.Embedded;
using GitOrch.Store.Encryption;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests.Security;

/// <summary>Secret values never reach the disk in the clear: not in the SQLite file, not in NATS's stream files, not after a key rotation.</summary>
public sealed class SecretsAtRestTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("gitorch-secrets-");
    private readonly string _value = $"hunter2-{Guid.NewGuid():N}";

    private string Encoded => Convert.ToBase64String(Encoding.UTF8.GetBytes(_value));

    private Secret Secret(string name) => new()
    {
        ApiVersion = "v1", Kind = "Secret",
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Data = new() { ["password"] = Encoded },
    };

    private bool AnyFileHolds(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Any(file =>
        {
            var bytes = File.ReadAllBytes(file);
            return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Encoded)) >= 0 || bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(_value)) >= 0;
        });

    [Fact]
    public async Task TheEmbeddedStore_KeepsASecretEncrypted_AndReadsItBack()
    {
        var path = Path.Combine(_directory.FullName, "store.db");
        await using (var store = await StoreLocator.OpenAsync(path))
            await new ObjectClient(store).CreateAsync(Secret("db"));

        await using var reopened = await StoreLocator.OpenAsync(path);
        var read = await new ObjectClient(reopened).GetAsync<Secret>("default", "db");

        Assert.Equal(Encoded, read!.Data!["password"]);
        Assert.False(AnyFileHolds(_directory.FullName), "the secret's value is in a file of the embedded store");
    }

    [Fact]
    public async Task NatsStreamFiles_HoldNoSecretValue_AndAValueCopiedToAnotherKeyOrReadWithAnotherKeyFailsWithOneLine()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        var keyFile = Path.Combine(_directory.FullName, "secrets.key");
        var otherKeyFile = Path.Combine(_directory.FullName, "other.key");
        SecretsKey.Create(keyFile);
        SecretsKey.Create(otherKeyFile);
        await using var raw = await NatsObjectStore.ConnectAsync(nats.Url);
        var store = new EncryptingStore(raw, SecretsKey.Load(keyFile));
        await new ObjectClient(store).CreateAsync(Secret("db"));
        var sealedEntry = (await raw.GetAsync(Buckets.Objects, "secrets.default.db"))!;
        await raw.PutAsync(Buckets.Objects, "secrets.default.copy", sealedEntry.Value);

        var copied = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetAsync(Buckets.Objects, "secrets.default.copy"));
        var wrongKey = await Assert.ThrowsAsync<StoreUnavailableException>(() => new EncryptingStore(raw, SecretsKey.Load(otherKeyFile)).GetAsync(Buckets.Objects, "secrets.default.db"));

        Assert.Equal(Encoded, (await new ObjectClient(store).GetAsync<Secret>("default", "db"))!.Data!["password"]);
        Assert.True(EncryptingStore.IsEncrypted(sealedEntry.Value));
        Assert.False(AnyFileHolds(nats.StoreDirectory), "the secret's value is in NATS's files");
        Assert.Equal("objects/secrets.default.copy does not decrypt with any of these secrets keys: it was written with another key, or copied from another key", copied.Message);
        Assert.DoesNotContain('\n', wrongKey.Message);
        var noKey = await Assert.ThrowsAsync<StoreUnavailableException>(() => new ObjectClient(raw).GetAsync<Secret>("default", "db"));
        Assert.Equal("a stored Secret is encrypted and this process has no secrets key: set GITORCH_SECRETS_KEY_FILE to the cluster's secrets.key", noKey.Message);
    }

    [Fact]
    public async Task RotateKey_ReencryptsEveryStoredSecret_AndAPartStillRunningOnTheOldKeyReadsOn()
    {
        var path = Path.Combine(_directory.FullName, "store.db");
        var keyFile = SecretsKey.EmbeddedPath(path);
        await using var running = await StoreLocator.OpenAsync(path);
        await new ObjectClient(running).CreateAsync(Secret("db"));
        var oldKey = SecretsKey.Load(keyFile).Current;

        var rotate = await GitorchProcess.RunAsync(_directory.FullName, "secrets", "rotate-key", "--store", path);

        Assert.True(rotate.ExitCode == 0, rotate.Error);
        Assert.Contains("re-encrypted 1 stored value(s)", rotate.Output);
        var ring = SecretsKey.Load(keyFile);
        Assert.Equal(2, ring.All.Count);
        Assert.Equal(oldKey, ring.All[1]);
        await using var raw = SqliteObjectStore.Open(path);
        var newKeyOnly = new EncryptingStore(raw, new SecretsKeyRing([ring.Current]));
        Assert.Equal(Encoded, (await new ObjectClient(newKeyOnly).GetAsync<Secret>("default", "db"))!.Data!["password"]);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => new EncryptingStore(raw, new SecretsKeyRing([oldKey])).GetAsync(Buckets.Objects, "secrets.default.db"));
        Assert.Equal(Encoded, (await new ObjectClient(running).GetAsync<Secret>("default", "db"))!.Data!["password"]);
        Assert.False(AnyFileHolds(_directory.FullName), "the secret's value is in a file of the embedded store");
    }

    [Fact]
    public async Task RotateKey_OnANatsStoreWithoutAKeyFile_RefusesWithOneLine()
    {
        await using var nats = await NatsServerProcess.StartAsync();

        var rotate = await GitorchProcess.RunAsync(_directory.FullName, "secrets", "rotate-key", "--store", nats.Url);

        Assert.Equal(2, rotate.ExitCode);
        Assert.Equal("error: GITORCH_SECRETS_KEY_FILE is not set, so this store keeps no Secret encrypted; set it to the secrets.key from 'gitorch init'\n", rotate.Error.ReplaceLineEndings("\n"));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
