using System.Security.Cryptography;
using System.Text;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.Engine.Security;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>A Secret sealed to the cluster's key opens in its own namespace and name only, and a commit that declares one loads the Secret.</summary>
public sealed class SealedSecretTests : IDisposable
{
    private readonly ECDiffieHellman _clusterKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    private readonly GitRepository _repo = new();

    private static Secret Secret(string name, string password) => new()
    {
        ApiVersion = "v1", Kind = "Secret", Type = "Opaque",
        Metadata = new ObjectMeta { Name = name, Namespace = "shop", Labels = new() { ["app"] = "db" } },
        StringData = new() { ["password"] = password },
    };

    private static string Yaml(KubeObject obj) => ObjectYaml.ToText(ObjectJson.ToNode(obj));

    private static string Password(Secret secret) => Encoding.UTF8.GetString(Convert.FromBase64String(secret.Data!["password"]));

    [Fact]
    public void ASealedSecret_OpensIntoTheSecret_WithItsTypeAndLabels_AndHoldsNoPlainText()
    {
        var sealedSecret = SecretSealer.Seal(Secret("db", "hunter2"), _clusterKey);

        Assert.DoesNotContain("hunter2", Yaml(sealedSecret));
        var opened = SecretSealer.Open(sealedSecret, _clusterKey);
        Assert.Equal(("shop", "db", "Opaque", "db"), (opened.Namespace, opened.Name, opened.Type, opened.Metadata.Labels!["app"]));
        Assert.Equal("hunter2", Password(opened));
    }

    [Fact]
    public void TheSameSealedValue_CopiedToAnotherName_DoesNotOpen()
    {
        var sealedSecret = SecretSealer.Seal(Secret("db", "hunter2"), _clusterKey);
        var copied = sealedSecret with { Metadata = sealedSecret.Metadata with { Name = "stolen" } };

        var error = Assert.Throws<SealingException>(() => SecretSealer.Open(copied, _clusterKey));
        Assert.Equal("SealedSecret shop/stolen: the value of \"password\" does not open: it was sealed for another Secret, or to another cluster's key", error.Message);
    }

    [Fact]
    public void AValueSealedToAnotherClustersKey_DoesNotOpen()
    {
        using var otherCluster = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var sealedSecret = SecretSealer.Seal(Secret("db", "hunter2"), otherCluster);

        Assert.Throws<SealingException>(() => SecretSealer.Open(sealedSecret, _clusterKey));
    }

    [Fact]
    public void ACommitDeclaringASealedSecret_LoadsTheSecretAtTheSameFile()
    {
        _repo.Commit("sealed", ("db-secret.yaml", Yaml(SecretSealer.Seal(Secret("db", "hunter2"), _clusterKey))));

        var state = new DesiredStateLoader(ManifestRepository.Open(_repo.Path), new SealedSecretOpener(() => _clusterKey)).Load();

        var declared = Assert.Single(state.Objects.Values);
        Assert.Equal(("secrets.shop.db", "db-secret.yaml"), (declared.Key, declared.Path));
        Assert.Equal("hunter2", Password((Secret)declared.Object));
        Assert.Equal("git", declared.Object.Annotation(WellKnown.ManagedBy));
    }

    [Fact]
    public void ACommitWhoseSealedSecretDoesNotOpen_FailsWithOneLineNamingTheFileAndLine()
    {
        using var otherCluster = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        _repo.Commit("sealed elsewhere", ("db-secret.yaml", Yaml(SecretSealer.Seal(Secret("db", "hunter2"), otherCluster))));

        var error = Assert.Throws<ManifestException>(() => new DesiredStateLoader(ManifestRepository.Open(_repo.Path), new SealedSecretOpener(() => _clusterKey)).Load());

        Assert.StartsWith("db-secret.yaml:1:1: SealedSecret shop/db: the value of \"password\" does not open", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    public void Dispose()
    {
        _clusterKey.Dispose();
        _repo.Dispose();
    }
}
