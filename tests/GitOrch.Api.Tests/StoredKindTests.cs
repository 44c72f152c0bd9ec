using System.Text.Json;
using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Api.Tests;

/// <summary>Kinds GitOrch keeps without acting on them: what loads, what is kept, and what is still refused.</summary>
public class StoredKindTests
{
    private const string Role = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: "system:reader"
          namespace: shop
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get, list]
        """;

    [Fact]
    public void AStoredKind_KeepsEveryFieldAsWritten_ThroughTheStoresJson()
    {
        var loaded = Assert.Single(ManifestLoader.Load("rbac.yaml", Role));

        var back = ObjectJson.FromBytes(ObjectJson.ToBytes(loaded.Object));

        var role = Assert.IsType<StoredObject>(back);
        Assert.Equal(("Role", "shop", "system:reader"), (role.Kind, role.Namespace, role.Name));
        Assert.Equal("""[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}]""", JsonSerializer.Serialize(role.Fields!["rules"]));
        Assert.Same(Kinds.FindByKind("Role"), Kinds.For(role));
    }

    [Fact]
    public void AClusterScopedStoredKind_RefusesANamespace()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("sc.yaml", """
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: fast, namespace: shop}
            provisioner: local
            """));

        Assert.Equal("sc.yaml:3:24: StorageClass \"fast\": metadata.namespace: StorageClass is cluster-scoped and cannot have a namespace", error.Message);
    }

    [Fact]
    public void AStoredKindsMetadata_IsReadAsStrictlyAsAnyKinds()
    {
        var error = Assert.Throws<ManifestException>(() =>
            ManifestLoader.Load("role.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: web, labelz: {a: b}}\n"));

        Assert.Equal("role.yaml:3:23: unknown field \"labelz\" in ObjectMeta", error.Message);
    }

    [Fact]
    public void AStoredKindWithTheWrongApiVersion_IsRefused()
    {
        var error = Assert.Throws<ManifestException>(() =>
            ManifestLoader.Load("ing.yaml", "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web}\n"));

        Assert.Equal("ing.yaml:1:13: kind Ingress needs apiVersion \"networking.k8s.io/v1\", not \"extensions/v1beta1\"", error.Message);
    }

    [Theory]
    [InlineData("Deploymnet", "Deployment")]
    [InlineData("Ingres", "Ingress")]
    [InlineData("serviceaccount", "ServiceAccount")]
    public void AMistypedKind_NamesTheClosestKnownKind(string typed, string meant)
    {
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("x.yaml", $"apiVersion: v1\nkind: {typed}\nmetadata: {{name: w}}\n"));

        Assert.Equal($"x.yaml:2:7: unknown kind \"{typed}\"; did you mean \"{meant}\"?", error.Message);
    }
}
