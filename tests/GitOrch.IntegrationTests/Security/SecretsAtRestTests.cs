using System.Text;
using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Store.Encryption;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests.Security;

/// <summary>Secret values never reach the disk in the clear: not in the SQLite file, not in NATS's stream files.</summary>
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
        Assert.Equal("objects/secrets.default.copy does not decrypt with this secrets key: it was written with another key, or copied from another key", copied.Message);
        Assert.DoesNotContain('\n', wrongKey.Message);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
