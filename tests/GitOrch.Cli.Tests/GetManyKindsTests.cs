namespace GitOrch.Cli.Tests;

/// <summary>The kubectl forms of get: KIND,KIND, all, KIND/NAME, label columns, --sort-by and -o jsonpath.</summary>
public sealed class GetManyKindsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    private const string Objects = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default, labels: {app: web, tier: front}}
        spec:
          selector: {app: web}
          ports: [{port: 80}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: zeta, namespace: default, labels: {app: web}}
        data: {a: "1", b: "2", c: "3"}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: alpha, namespace: default}
        data: {a: "1"}
        """;

    public void Dispose() => _cli.Dispose();

    private async Task SeedAsync()
    {
        await _cli.SeedAsync(Objects);
        await _cli.SeedAsync(CliHarness.Pod("web-1"));
    }

    [Fact]
    public async Task Several_kinds_print_one_table_each_with_KIND_NAME_and_a_blank_line_between()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("get", "po,svc");

        Assert.Equal(0, result.ExitCode);
        var blocks = result.Output.Split("\n\n");
        Assert.Equal(2, blocks.Length);
        Assert.StartsWith("NAME", blocks[0]);
        Assert.Contains("pod/web-1", blocks[0]);
        Assert.Contains("service/web", blocks[1]);
        Assert.Contains("CLUSTER-IP", blocks[1]);
    }

    [Fact]
    public async Task All_lists_workloads_and_services_but_not_config()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("get", "all", "-o", "name");

        Assert.Equal(["pod/web-1", "service/web"], result.OutputLines);
    }

    [Fact]
    public async Task Kind_slash_name_shows_one_object_and_a_missing_one_exits_1()
    {
        await SeedAsync();

        Assert.Equal("web", (await _cli.RunAsync("get", "svc/web", "-o", "jsonpath={.metadata.name}")).Output);
        var missing = await _cli.RunAsync("get", "svc/nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("\"nope\"", missing.Error);
        var both = await _cli.RunAsync("get", "svc/web", "web");
        Assert.Equal(2, both.ExitCode);
    }

    [Fact]
    public async Task Label_columns_and_show_labels_follow_the_kinds_own_columns()
    {
        await SeedAsync();

        var lines = (await _cli.RunAsync("get", "cm", "-L", "app", "--show-labels")).OutputLines;

        string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "DATA", "AGE", "APP", "LABELS"], Cells(lines[0]));
        Assert.Equal(["alpha", "1", "<none>"], Cells(lines[1]).Where((_, i) => i != 2));
        Assert.Equal(["zeta", "3", "web", "app=web"], Cells(lines[2]).Where((_, i) => i != 2));
    }

    [Fact]
    public async Task Sort_by_orders_by_the_field_and_a_bad_path_is_a_usage_error()
    {
        await SeedAsync();

        var byName = await _cli.RunAsync("get", "cm", "--sort-by", "{.metadata.name}", "-o", "name");
        Assert.Equal(["configmap/alpha", "configmap/zeta"], byName.OutputLines);
        var byLabel = await _cli.RunAsync("get", "cm", "--sort-by", ".metadata.labels.app", "-o", "name");
        Assert.Equal(["configmap/alpha", "configmap/zeta"], byLabel.OutputLines);

        var bad = await _cli.RunAsync("get", "cm", "--sort-by", ".items[?(@.x)]");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("filters and slices are not supported", Assert.Single(bad.ErrorLines));
    }

    [Fact]
    public async Task Jsonpath_prints_ranges_literals_and_lists_as_kubectl_does()
    {
        await SeedAsync();

        var names = await _cli.RunAsync("get", "cm", "-o", "jsonpath={.items[*].metadata.name}");
        Assert.Equal("alpha zeta", names.Output);
        var ranged = await _cli.RunAsync("get", "cm", "-o", """jsonpath={range .items[*]}{.metadata.name}={.data.a}{"\n"}{end}""");
        Assert.Equal("alpha=1\nzeta=1\n", ranged.Output);
        var labels = await _cli.RunAsync("get", "svc", "web", "-o", "jsonpath={.metadata.labels}");
        Assert.Equal("""{"app":"web","tier":"front"}""", labels.Output);

        var unclosed = await _cli.RunAsync("get", "cm", "-o", "jsonpath={range .items[*]}{.metadata.name}");
        Assert.Equal(2, unclosed.ExitCode);
        Assert.Equal("error: -o jsonpath: a {range} without its {end}", Assert.Single(unclosed.ErrorLines));
        var unknown = await _cli.RunAsync("get", "cm", "-o", "xml");
        Assert.Equal(2, unknown.ExitCode);
    }

    [Fact]
    public async Task Custom_columns_print_a_table_of_the_paths_given()
    {
        await SeedAsync();

        var lines = (await _cli.RunAsync("get", "cm", "-o", "custom-columns=NAME:.metadata.name,APP:.metadata.labels.app,KEYS:.data.*")).OutputLines;

        string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "APP", "KEYS"], Cells(lines[0]));
        Assert.Equal(["alpha", "<none>", "1"], Cells(lines[1]));
        Assert.Equal(["zeta", "web", "1,2,3"], Cells(lines[2]));
        var bad = await _cli.RunAsync("get", "cm", "-o", "custom-columns=NAME");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("is not HEADER:JSONPATH", Assert.Single(bad.ErrorLines));
    }
}
