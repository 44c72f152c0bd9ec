using GitOrch.Api.Serialization;
using GitOrch.Store.Access;

namespace GitOrch.Engine.Tests;

/// <summary>Roles and bindings become per-user write subjects: a RoleBinding's namespace, a ClusterRoleBinding's every namespace, and only write verbs.</summary>
public sealed class RbacGrantsTests
{
    private const string Manifests = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: editor, namespace: a}
        rules:
        - {resources: [configmaps, deployments], verbs: [create, update]}
        - {resources: [secrets], verbs: [get, list, watch]}
        - {resources: [pods/log], verbs: ["*"]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: services-admin}
        rules:
        - {resources: [services], verbs: ["*"]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: alice-edits, namespace: a}
        subjects: [{kind: User, name: alice}, {kind: Group, name: devs}]
        roleRef: {kind: Role, name: editor}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: bob-services}
        subjects: [{kind: User, name: bob}]
        roleRef: {kind: ClusterRole, name: services-admin}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: carol-dangling, namespace: a}
        subjects: [{kind: User, name: carol}]
        roleRef: {kind: Role, name: missing}
        """;

    [Fact]
    public void Bindings_GrantTheirUsersWritesOnTheirRolesResources_InTheirScope()
    {
        var objects = ManifestLoader.Load("access.yaml", Manifests).Select(loaded => loaded.Object).ToList();

        var grants = RbacGrants.From(objects.Where(obj => obj.Kind.EndsWith("Role", StringComparison.Ordinal)), objects.Where(obj => obj.Kind.EndsWith("Binding", StringComparison.Ordinal)));

        Assert.Equal(["alice", "bob"], grants.Keys);
        Assert.Equal(["$KV.objects.configmaps.a.>", "$KV.objects.deployments.a.>"], grants["alice"]);
        Assert.Equal(["$KV.objects.services.*.>"], grants["bob"]);
    }
}
