using System.Text;
using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests.Security;

/// <summary><c>gitorch seal</c> as a process, the sealed manifest committed to git, and <c>apply</c> on nats-server opening it.</summary>
public sealed class SealedSecretApplyTests : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");
    private readonly string _value = $"hunter2-{Guid.NewGuid():N}";

    private string SecretFile()
    {
        var path = Path.Combine(_home.FullName, "secret.yaml");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Secret
            metadata: {"{"}name: db{"}"}
            stringData: {"{"}password: {_value}{"}"}
            """);
        return path;
    }

    [Fact]
    public async Task ASealedSecretInGit_OpensOnApply_IsMaskedByGet_AndACopyUnderAnotherNameIsRefusedWithNothingApplied()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);

        var seal = await GitorchProcess.RunAsync(_home.FullName, "seal", "-f", SecretFile());
        Assert.True(seal.ExitCode == 0, seal.Error);
        Assert.DoesNotContain(_value, seal.Output);
        Assert.Contains("kind: SealedSecret", seal.Output);

        _repo.Commit("sealed db secret", ("db-secret.yaml", seal.Output));
        var apply = await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", nats.Url);
        Assert.True(apply.ExitCode == 0, apply.Error);
        var secret = await client.GetAsync<Secret>("default", "db");
        Assert.Equal(_value, Encoding.UTF8.GetString(Convert.FromBase64String(secret!.Data!["password"])));
        var get = await GitorchProcess.RunAsync(_home.FullName, "get", "secret", "db", "-o", "yaml", "--store", nats.Url);
        Assert.Equal(0, get.ExitCode);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(_value)), get.Output);

        _repo.Commit("copy the sealed value", ("stolen.yaml", seal.Output.Replace("name: db", "name: stolen")));
        var refused = await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", nats.Url);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Matches("^error: stolen.yaml:\\d+:\\d+: SealedSecret default/stolen: the value of \"password\" does not open: it was sealed for another Secret, or to another cluster's key\n$", refused.Error.ReplaceLineEndings("\n"));
        Assert.Null(await client.GetAsync<Secret>("default", "stolen"));
    }

    [Fact]
    public async Task SealingWithAFileThatIsNoKey_FailsWithOneLineNamingIt()
    {
        var notAKey = Path.Combine(_home.FullName, "not-a-key.pub");
        File.WriteAllText(notAKey, "hello");

        var seal = await GitorchProcess.RunAsync(_home.FullName, "seal", "-f", SecretFile(), "--cert", notAKey);

        Assert.NotEqual(0, seal.ExitCode);
        Assert.Equal($"error: sealing key {notAKey}: not a public P-256 key in PEM (gitorch init writes sealing.key and sealing.pub)\n", seal.Error.ReplaceLineEndings("\n"));
        Assert.Empty(seal.Output);
    }

    [Fact]
    public async Task SealingWithTheClustersPublicKey_FromInit_OpensWithItsPrivateKey()
    {
        var cluster = Path.Combine(_home.FullName, "cluster");
        var init = await GitorchProcess.RunAsync(_home.FullName, "init", "--dir", cluster);
        Assert.True(init.ExitCode == 0, init.Error);
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);

        var seal = await GitorchProcess.RunAsync(_home.FullName, "seal", "-f", SecretFile(), "--cert", Path.Combine(cluster, "sealing.pub"));
        Assert.True(seal.ExitCode == 0, seal.Error);
        _repo.Commit("sealed to the cluster", ("db-secret.yaml", seal.Output));
        await using var apply = GitorchProcess.Start(_home.FullName, new Dictionary<string, string> { ["GITORCH_SEALING_KEY_FILE"] = Path.Combine(cluster, "sealing.key") },
            "apply", "--repo", _repo.Path, "--store", nats.Url);

        Assert.Equal(0, await apply.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.NotNull(await new ObjectClient(store).GetAsync<Secret>("default", "db"));
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
