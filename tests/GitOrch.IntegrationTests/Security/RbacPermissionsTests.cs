using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests.Security;

/// <summary>
/// A Role and RoleBinding committed to Git become the store's own permissions for a user credential:
/// with <c>server --enforce-rbac</c>, nats-server lets the user write what the binding covers in its
/// namespace, and refuses the same write in another namespace with one line.
/// </summary>
[Collection("end-to-end")]
public sealed class RbacPermissionsTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    private const string Access = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: team-a}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: team-b}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: config-editor, namespace: team-a}
        rules:
        - apiGroups: [""]
          resources: [configmaps]
          verbs: [get, list, create, update, delete]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: alice-edits-config, namespace: team-a}
        subjects:
        - {kind: User, name: alice}
        roleRef: {kind: Role, name: config-editor, apiGroup: rbac.authorization.k8s.io}
        """;

    private static ConfigMap Config(string ns) => new()
    {
        ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = "settings", Namespace = ns }, Data = new() { ["color"] = "blue" },
    };

    [Fact]
    public async Task ARoleBindingForNamespaceA_LetsItsUserWriteThere_AndTheStoreRefusesTheSameWriteInB()
    {
        await using var cluster = await InitializedCluster.StartAsync(_home.FullName, identities: ["--role", "user", "--name", "alice"]);
        _repo.Commit("access for alice", ("access.yaml", Access));
        await using var server = GitorchProcess.Start(_home.FullName, ["server", "--repo", _repo.Path, "--interval", "00:00:00.5", "--listen", "off",
            "--enforce-rbac", "--dir", cluster.Directory, "--store", cluster.Location("server")]);
        try
        {
            await using var asAlice = await NatsObjectStore.ConnectAsync(cluster.Location("user-alice"));
            var client = new ObjectClient(asAlice);
            // Until the store reloads with the binding, the write is refused (as a permission violation,
            // or a publish nobody answered, whichever the client sees first).
            await Eventually.WaitAsync(async () =>
            {
                try
                {
                    return (Written: await client.CreateAsync(Config("team-a")), Error: "");
                }
                catch (Exception e) when (e is not ConflictException)
                {
                    return (Written: (ConfigMap?)null, Error: e.Message);
                }
            }, attempt => attempt.Written is not null, StepTimeout, "alice's write in team-a to be allowed");

            var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => client.CreateAsync(Config("team-b")));

            Assert.Equal("permission denied: alice (role user) may not publish to $KV.objects.configmaps.team-b.settings", refused.Message);
            Assert.Null(await client.GetAsync<ConfigMap>("team-b", "settings"));
            Assert.Contains("$KV.objects.configmaps.team-a.>", File.ReadAllText(Path.Combine(cluster.Directory, "nats.conf")));
        }
        finally
        {
            log.WriteLine("server:\n" + server.Output);
        }
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
