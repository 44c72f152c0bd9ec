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

    private const string Ingress = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop}
        spec:
          rules:
          - host: shop.example
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}
        """;

    private Task<CommandResult> Gitorch(string storeUrl, params string[] arguments) =>
        GitorchProcess.RunAsync(_home.FullName, [.. arguments, "--store", storeUrl]);

    [Fact]
    public async Task StoredKinds_ApplyWithAWarningPerKind_ListAndDiffClean_AndArePrunedWhenRemovedFromGit()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        _repo.Commit("an app with access rules and an ingress",
            ("config.yaml", ChartFixtures.ConfigMap("settings", "red")), ("access.yaml", Access), ("ingress.yaml", Ingress));

        var applied = await Gitorch(nats.Url, "apply", "--repo", _repo.Path);
        var roles = await Gitorch(nats.Url, "get", "roles");
        var ingress = await Gitorch(nats.Url, "get", "ing", "shop", "-o", "yaml");
        var diff = await Gitorch(nats.Url, "diff");

        Assert.Equal(0, applied.ExitCode);
        Assert.Contains("warning: access.yaml:5: Role \"shop:reader\" stored; no GitOrch controller acts on Role objects yet", applied.Output);
        Assert.Contains("warning: ingress.yaml:1: Ingress \"shop\" stored; no GitOrch controller acts on Ingress objects yet", applied.Output);
        Assert.Contains("create role/default/shop:reader", applied.Output);
        Assert.Contains("shop:reader", roles.Output);
        Assert.Contains("host: shop.example", ingress.Output);
        Assert.Equal((0, "0 to create, 0 to update, 0 to delete"), (diff.ExitCode, diff.Output.Trim()));

        _repo.Commit("drop the ingress", ("ingress.yaml", null));
        var pruned = await Gitorch(nats.Url, "apply");
        var gone = await Gitorch(nats.Url, "get", "ingresses");

        Assert.Equal(0, pruned.ExitCode);
        Assert.Contains("delete ingress/default/shop", pruned.Output);
        Assert.DoesNotContain("shop", gone.Output);
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
