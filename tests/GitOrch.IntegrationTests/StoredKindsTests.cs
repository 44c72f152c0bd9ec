using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests;

/// <summary>Kinds GitOrch keeps without acting on them, through the real executable, Git and nats-server.</summary>
public sealed class StoredKindsTests : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    private const string Access = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: shop}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: "shop:reader"}
        rules:
        - {apiGroups: [""], resources: [pods], verbs: [get, list]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: shop-reads}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: "shop:reader"}
        subjects:
        - {kind: ServiceAccount, name: shop}
        """;

    private const string NetworkPolicy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: shop}
        spec:
          podSelector: {matchLabels: {app: shop}}
          policyTypes: [Ingress]
        """;

    private const string BackupDefinition = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: backups.ops.example.com}
        spec:
          group: ops.example.com
          scope: Namespaced
          names: {kind: Backup, plural: backups, singular: backup, shortNames: [bk]}
          versions:
          - name: v1
            served: true
            storage: true
            additionalPrinterColumns:
            - {name: Schedule, type: string, jsonPath: .spec.schedule}
            - {name: Keep, type: integer, jsonPath: .spec.keep}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [schedule]
                    properties:
                      schedule: {type: string}
                      keep: {type: integer, minimum: 1}
        """;

    private static string Backup(string name, int keep) => $$"""
        apiVersion: ops.example.com/v1
        kind: Backup
        metadata: {name: {{name}}}
        spec: {schedule: "0 3 * * *", keep: {{keep}}}
        """;

    private Task<CommandResult> Gitorch(string storeUrl, params string[] arguments) =>
        GitorchProcess.RunAsync(_home.FullName, [.. arguments, "--store", storeUrl]);

    [Fact]
    public async Task StoredKinds_ApplyWithAWarningPerKind_ListAndDiffClean_AndArePrunedWhenRemovedFromGit()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        _repo.Commit("an app with access rules and a network policy",
            ("config.yaml", ChartFixtures.ConfigMap("settings", "red")), ("access.yaml", Access), ("netpol.yaml", NetworkPolicy));

        var applied = await Gitorch(nats.Url, "apply", "--repo", _repo.Path);
        var roles = await Gitorch(nats.Url, "get", "roles");
        var policy = await Gitorch(nats.Url, "get", "netpol", "shop", "-o", "yaml");
        var diff = await Gitorch(nats.Url, "diff");

        Assert.Equal(0, applied.ExitCode);
        Assert.Contains("warning: access.yaml:5: Role \"shop:reader\" stored; no GitOrch controller acts on Role objects yet", applied.Output);
        Assert.Contains("warning: netpol.yaml:1: NetworkPolicy \"shop\" stored; no GitOrch controller acts on NetworkPolicy objects yet", applied.Output);
        Assert.Contains("create role/default/shop:reader", applied.Output);
        Assert.Contains("shop:reader", roles.Output);
        Assert.Contains("app: shop", policy.Output);
        Assert.Equal((0, "0 to create, 0 to update, 0 to delete"), (diff.ExitCode, diff.Output.Trim()));

        _repo.Commit("drop the network policy", ("netpol.yaml", null));
        var pruned = await Gitorch(nats.Url, "apply");
        var gone = await Gitorch(nats.Url, "get", "networkpolicies");

        Assert.Equal(0, pruned.ExitCode);
        Assert.Contains("delete networkpolicy/default/shop", pruned.Output);
        Assert.DoesNotContain("shop", gone.Output);
    }

    [Fact]
    public async Task CustomResources_LoadWithTheirDefinition_ListWithItsColumns_AreCheckedAgainstItsSchema_AndPruned()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        // The resources sort before the definition: the load must still find their kind.
        _repo.Commit("backups", ("a-backups.yaml", Backup("nightly", 7) + "\n---\n" + Backup("weekly", 4)), ("z-crd.yaml", BackupDefinition));

        var applied = await Gitorch(nats.Url, "apply", "--repo", _repo.Path);
        var listed = await Gitorch(nats.Url, "get", "bk");
        var diff = await Gitorch(nats.Url, "diff");
        Assert.True(applied.ExitCode == 0, applied.Error);
        Assert.Contains("create backup/default/nightly", applied.Output);
        Assert.Matches(@"NAME\s+SCHEDULE\s+KEEP\s+AGE", listed.Output);
        Assert.Matches(@"nightly\s+0 3 \* \* \*\s+7", listed.Output);
        Assert.Equal((0, "0 to create, 0 to update, 0 to delete"), (diff.ExitCode, diff.Output.Trim()));

        _repo.Commit("keep none", ("a-backups.yaml", Backup("nightly", 0)));
        var refused = await Gitorch(nats.Url, "apply");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("error: a-backups.yaml:4:", refused.Error.Trim());
        Assert.Contains("Backup \"nightly\": spec.keep:", refused.Error);
        Assert.Contains("weekly", (await Gitorch(nats.Url, "get", "backups")).Output);

        _repo.Commit("only nightly", ("a-backups.yaml", Backup("nightly", 3)));
        var pruned = await Gitorch(nats.Url, "apply");
        var after = await Gitorch(nats.Url, "get", "backups", "-o", "yaml");
        Assert.True(pruned.ExitCode == 0, pruned.Error);
        Assert.Contains("delete backup/default/weekly", pruned.Output);
        Assert.Contains("keep: 3", after.Output);
        Assert.DoesNotContain("weekly", after.Output);
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
