using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests;

/// <summary>
/// Helm charts through the real CLI and Git, as a user keeps them: a chart's folder applied as its own
/// release, diff empty after the apply, a values change that diffs to exactly the objects it reaches,
/// a ChartRelease with --set values, and a template error that refuses the commit in one line.
/// </summary>
public sealed class HelmChartSyncTests : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-helm-");

    private string[] Store => ["--store", Path.Combine(_home.FullName, "store.db")];

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }

    private Task<CommandResult> RunAsync(params string[] arguments) => GitorchProcess.RunAsync(_home.FullName, [.. arguments, .. Store]);

    [Fact]
    public async Task A_chart_folder_applies_as_its_own_release_diffs_empty_and_a_values_change_diffs_to_exactly_the_Deployment()
    {
        _repo.Commit("the web chart", HelmChartFixtures.Files("web"));

        var apply = await RunAsync("apply", "--repo", _repo.Path);
        var emptyDiff = await RunAsync("diff");
        _repo.Commit("three replicas", ("web/values.yaml", HelmChartFixtures.Values.Replace("replicaCount: 2", "replicaCount: 3")));
        var diff = await RunAsync("diff");
        var second = await RunAsync("apply");
        var replicas = await RunAsync("get", "deployment", "web", "-o", "jsonpath={.spec.replicas}");

        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.Contains("create deployment/default/web", apply.Output);
        Assert.Contains("create service/default/web", apply.Output);
        Assert.DoesNotContain("test-connection", apply.Output);
        Assert.True(emptyDiff.ExitCode == 0, emptyDiff.Output + emptyDiff.Error);
        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("replicas: 3", diff.Output);
        Assert.DoesNotContain("service", diff.Output, StringComparison.OrdinalIgnoreCase);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal("3", replicas.Output.Trim());
    }

    [Fact]
    public async Task A_ChartRelease_renders_the_chart_with_its_values_and_set_and_a_template_error_refuses_the_commit_in_one_line()
    {
        _repo.Commit("the chart and a release of it", [.. HelmChartFixtures.Files("charts/web"), ("apps/shop.yaml", """
            apiVersion: gitorch.io/v1
            kind: ChartRelease
            metadata: {name: shop, namespace: apps}
            spec:
              chart: charts/web
              values: {service: {port: 8080}}
              set: ["image.tag=3.1", "env.REGION=eu"]
            """), ("apps/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n")]);

        var apply = await RunAsync("apply", "--repo", _repo.Path);
        var image = await RunAsync("get", "deployment", "shop-web", "-n", "apps", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[2].value}");
        var port = await RunAsync("get", "service", "shop-web", "-n", "apps", "-o", "jsonpath={.spec.ports[0].port}");
        _repo.Commit("a typo in the template", ("charts/web/templates/service.yaml", HelmChartFixtures.Service.Replace(".Values.service.type", ".Values.servce.type.name")));
        var refused = await RunAsync("apply");
        var after = await RunAsync("get", "service", "shop-web", "-n", "apps", "-o", "jsonpath={.spec.ports[0].port}");

        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.Equal("nginx:3.1 eu", image.Output.Trim());
        Assert.Equal("8080", port.Output.Trim());
        Assert.Equal(1, refused.ExitCode);
        var line = Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("charts/web/templates/service.yaml:8:", line);
        Assert.Contains("executing \"web/templates/service.yaml\" at <.Values.servce.type.name>: nil pointer evaluating interface {}.type", line);
        Assert.Equal("8080", after.Output.Trim());
    }

    [Fact]
    public async Task A_chart_from_a_served_repository_is_pinned_and_a_rollback_renders_the_pinned_chart_after_the_repository_is_gone()
    {
        using var server = new ChartRepositoryServer();
        server.Publish(["1.0.0", "1.0.3"]);
        _repo.Commit("web 1.0 from the repository", ("apps/web.yaml", RepositoryRelease(server.Url, "~1.0.0")));
        var first = await RunAsync("apply", "--repo", _repo.Path);
        server.Publish(["1.0.0", "1.0.3", "1.1.0"]);
        _repo.Commit("web 1.1", ("apps/web.yaml", RepositoryRelease(server.Url, "~1.1.0")));
        var second = await RunAsync("apply");
        var upgraded = await RunAsync("get", "configmap", "shop-web", "-o", "jsonpath={.data.version}");

        server.Stop();
        var offlineDiff = await RunAsync("diff");
        var rollback = await RunAsync("rollback", "1");
        var rolledBack = await RunAsync("get", "configmap", "shop-web", "-o", "jsonpath={.data.version}");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal("1.1.0", upgraded.Output.Trim());
        Assert.True(offlineDiff.ExitCode == 0, offlineDiff.Output + offlineDiff.Error);
        Assert.True(rollback.ExitCode == 0, rollback.Output + rollback.Error);
        Assert.Equal("1.0.3", rolledBack.Output.Trim());
    }

    [Fact]
    public async Task A_chart_from_a_real_OCI_registry_logs_in_with_the_commits_Secret_and_wrong_or_missing_credentials_are_refused_in_one_line()
    {
        using var registry = await OciRegistryProcess.StartAsync();
        await registry.PushChartAsync("charts", "web", "1.0.0", WebChartArchive.Package("1.0.0"));
        await registry.PushChartAsync("charts", "web", "1.2.0", WebChartArchive.Package("1.2.0"));
        await registry.PushChartAsync("charts", "web", "2.0.0", WebChartArchive.Package("2.0.0"));
        var release = $$"""
            apiVersion: gitorch.io/v1
            kind: ChartRelease
            metadata: {name: shop}
            spec: {repository: "oci://{{registry.Host}}/charts", chart: web, version: "^1.0.0", plainHttp: true, credentialsSecret: registry-login}
            """;
        string Login(string password) => $"apiVersion: v1\nkind: Secret\nmetadata: {{name: registry-login}}\nstringData: {{username: {OciRegistryProcess.Username}, password: {password}}}\n";

        _repo.Commit("web from the registry, with a wrong password", ("apps/web.yaml", release), ("apps/login.yaml", Login("wrong")));
        var refused = await RunAsync("apply", "--repo", _repo.Path);
        _repo.Commit("no login at all", ("apps/web.yaml", release.Replace(", credentialsSecret: registry-login", "")));
        var anonymous = await RunAsync("apply", "--repo", _repo.Path);
        _repo.Commit("the right password", ("apps/web.yaml", release), ("apps/login.yaml", Login(OciRegistryProcess.Password)));
        var apply = await RunAsync("apply", "--repo", _repo.Path);
        var version = await RunAsync("get", "configmap", "shop-web", "-o", "jsonpath={.data.version}");
        registry.Stop();
        var offlineDiff = await RunAsync("diff");

        Assert.True(refused.ExitCode == 1, refused.Output + refused.Error);
        Assert.Contains("apps/web.yaml:1:1: ChartRelease \"shop\": oci://", Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("401 Unauthorized; the credentials in spec.credentialsSecret were refused", refused.Error);
        Assert.True(anonymous.ExitCode == 1, anonymous.Output + anonymous.Error);
        Assert.Contains("401 Unauthorized; name a Secret", Assert.Single(anonymous.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.Equal("1.2.0", version.Output.Trim());
        Assert.True(offlineDiff.ExitCode == 0, offlineDiff.Output + offlineDiff.Error);
    }

    private static string RepositoryRelease(string url, string version) => $$"""
        apiVersion: gitorch.io/v1
        kind: ChartRelease
        metadata: {name: shop}
        spec: {repository: "{{url}}", chart: web, version: "{{version}}"}
        """;

    public static TheoryData<string, string, string, string> BadCharts => new()
    {
        { "an unknown function", "templates/service.yaml", HelmChartFixtures.Service.Replace("{{ .Values.service.type }}", "{{ .Values.service.type | shout }}"), "web/templates/service.yaml:8:35: chart web: executing \"web/templates/service.yaml\" at <shout>: function \"shout\" not defined" },
        { "an unclosed action", "templates/service.yaml", HelmChartFixtures.Service + "\n{{ .Values.extra", "web/templates/service.yaml:16:1: chart web: unclosed action" },
        { "a nil dereference", "templates/service.yaml", HelmChartFixtures.Service.Replace("{{ .Values.service.type }}", "{{ .Values.missing.type }}"), "web/templates/service.yaml:8:12: chart web: executing \"web/templates/service.yaml\" at <.Values.missing.type>: nil pointer evaluating interface {}.type" },
        { "a schema violation", "values.schema.json", "{\"properties\": {\"replicaCount\": {\"type\": \"string\"}}}", "web/values.schema.json:1:1: chart web: values do not match values.schema.json: replicaCount: " },
        { "a missing subchart", "Chart.yaml", HelmChartFixtures.ChartYaml + "\ndependencies:\n  - name: redis\n    version: 17.x\n", "web/Chart.yaml:1:1: chart web: dependency redis is not in charts/" },
        { "a render that never ends", "templates/loop.yaml", "{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}", "chart web: rendering took longer than 5 s and was stopped" },
    };

    [Theory]
    [MemberData(nameof(BadCharts))]
    public async Task A_bad_chart_is_refused_in_one_line_naming_the_chart_file_and_line_and_nothing_is_applied(string what, string file, string content, string expected)
    {
        _repo.Commit("the web chart", HelmChartFixtures.Files("web"));
        Assert.Equal(0, (await RunAsync("apply", "--repo", _repo.Path)).ExitCode);
        var before = await RunAsync("get", "all", "-A", "-o", "json");
        _repo.Commit($"{what}, beside a good change", ("web/values.yaml", HelmChartFixtures.Values.Replace("replicaCount: 2", "replicaCount: 4")), ($"web/{file}", content));

        var refused = await RunAsync("apply");
        var after = await RunAsync("get", "all", "-A", "-o", "json");

        Assert.Equal(1, refused.ExitCode);
        var line = Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.Equal(before.Output, after.Output);
    }
}
