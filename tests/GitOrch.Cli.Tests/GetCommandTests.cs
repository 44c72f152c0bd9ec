using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Store;

namespace GitOrch.Cli.Tests;

public sealed class GetCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: default
          labels: {app: api}
        spec:
          replicas: 3
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
                - name: api
                  image: busybox:1.36
                  ports: [{containerPort: 8080}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: default}
        data: {mode: fast}
        """;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Secret_values_print_as_a_hash_unless_show_secrets_is_given()
    {
        await _cli.Client.CreateAsync(new Secret
        {
            ApiVersion = "v1", Kind = "Secret", Metadata = new ObjectMeta { Name = "db", Namespace = "default" },
            Data = new() { ["password"] = "aHVudGVyMg==" },
        });

        var masked = await _cli.RunAsync("get", "secret", "db", "-o", "yaml");
        var listed = await _cli.RunAsync("get", "secrets", "-o", "json");
        var described = await _cli.RunAsync("describe", "secret", "db");
        var shown = await _cli.RunAsync("get", "secret", "db", "-o", "yaml", "--show-secrets");

        Assert.Contains($"password: {SecretMasking.MaskValue("aHVudGVyMg==")}", masked.Output);
        Assert.All(new[] { masked, listed, described }, result => Assert.DoesNotContain("aHVudGVyMg==", result.Output));
        Assert.Contains("password: aHVudGVyMg==", shown.Output);
    }

    [Fact]
    public async Task A_pod_in_trouble_shows_why_in_STATUS_as_kubectl_does()
    {
        async Task PodAsync(string name, PodStatus status)
        {
            await _cli.SeedAsync(CliHarness.Pod(name));
            await _cli.Client.PutStatusAsync((await _cli.Client.GetAsync<Pod>("default", name))!, status);
        }
        ContainerStatus Waiting(string reason) => new() { Name = "web", State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = reason } } };
        await PodAsync("crashing", new PodStatus { Phase = "Running", ContainerStatuses = [Waiting("CrashLoopBackOff")] });
        await PodAsync("unpullable", new PodStatus { Phase = "Pending", ContainerStatuses = [Waiting("ErrImagePull")] });
        await PodAsync("starting", new PodStatus { Phase = "Pending", ContainerStatuses = [Waiting("ContainerCreating")] });
        await PodAsync("healthy", new PodStatus { Phase = "Running", ContainerStatuses = [new ContainerStatus { Name = "web", Ready = true, State = new ContainerState { Running = new ContainerStateRunning() } }] });

        var rows = (await _cli.RunAsync("get", "pods")).OutputLines.Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(row => row[0], row => row[2]);

        Assert.Equal("CrashLoopBackOff", rows["crashing"]);
        Assert.Equal("ErrImagePull", rows["unpullable"]);
        Assert.Equal("Pending", rows["starting"]);
        Assert.Equal("Running", rows["healthy"]);
    }

    [Fact]
    public async Task Services_show_their_cluster_IP_or_None_when_headless()
    {
        await _cli.SeedAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default}
            spec: {clusterIP: 10.96.4.5, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: default}
            spec: {clusterIP: None, ports: [{port: 5432}]}
            """);

        var lines = (await _cli.RunAsync("get", "svc")).OutputLines;

        Assert.Equal(["NAME", "TYPE", "CLUSTER-IP", "PORT(S)"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);
        Assert.Equal(["db", "ClusterIP", "None", "5432/TCP"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);
        Assert.Equal(["web", "ClusterIP", "10.96.4.5", "80/TCP"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);
    }

    [Fact]
    public async Task Events_are_listed_oldest_first_not_by_name()
    {
        foreach (var (name, minute) in new[] { ("a-late", 30), ("z-early", 10), ("m-middle", 20) })
            await _cli.Client.CreateAsync(new Event
            {
                ApiVersion = "v1", Kind = "Event", Metadata = new ObjectMeta { Name = name, Namespace = "default" },
                Reason = name, FirstTimestamp = new DateTimeOffset(2026, 12, 1, 10, minute, 0, TimeSpan.Zero),
            });

        var result = await _cli.RunAsync("get", "events");

        Assert.Equal(["z-early", "m-middle", "a-late"], result.OutputLines.Skip(1).Select(line => line.Split(' ')[0]));
    }

    [Fact]
    public async Task An_empty_cluster_says_so_and_succeeds()
    {
        var result = await _cli.RunAsync("get", "pods");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No resources found in this namespace.", result.Output.Trim());
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task A_table_lists_the_namespace_and_all_namespaces_add_a_column()
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1") + CliHarness.Pod("web-2") + CliHarness.Pod("db-1", ns: "data", app: "db"));

        var inDefault = await _cli.RunAsync("get", "po");
        var everywhere = await _cli.RunAsync("get", "pods", "-A");

        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], inDefault.OutputLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["web-1", "web-2"], inDefault.OutputLines.Skip(1).Select(line => line.Split(' ')[0]));
        Assert.StartsWith("NAMESPACE", everywhere.OutputLines[0]);
        Assert.Equal(4, everywhere.OutputLines.Length);
        Assert.DoesNotContain(inDefault.OutputLines, line => line.EndsWith(' '));
    }

    [Fact]
    public async Task Selector_names_and_wide_output_shape_what_is_printed()
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1") + CliHarness.Pod("cache-1", app: "cache"));

        var selected = await _cli.RunAsync("get", "pods", "-l", "app=cache", "-o", "name");
        var wide = await _cli.RunAsync("get", "pods", "-o", "wide");

        Assert.Equal(["pod/cache-1"], selected.OutputLines);
        Assert.Contains("IP", wide.OutputLines[0]);
        Assert.Contains("NODE", wide.OutputLines[0]);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public async Task Structured_output_of_one_object_and_of_a_list_loads_back_as_the_same_objects(string format)
    {
        await _cli.SeedAsync(Deployment + "\n---\n" + CliHarness.Pod("web-1"));
        foreach (var (kind, name) in new[] { ("deployment", "api"), ("configmap", "settings"), ("pod", "web-1") })
        {
            var one = await _cli.RunAsync("get", kind, name, "-o", format);
            var live = await _cli.Client.GetAsync(Kinds.Resolve(kind)!, "default", name);

            var loaded = Assert.Single(ManifestLoader.Load($"get.{format}", one.Output));
            Assert.Equal(ObjectJson.ToText(ObjectJson.ToNode(live!)), ObjectJson.ToText(ObjectJson.ToNode(loaded.Object)));
        }

        var list = await _cli.RunAsync("get", "pods", "-o", format);
        var items = ManifestLoader.Load($"list.{format}", list.Output);
        Assert.Equal(["web-1"], items.Select(item => item.Object.Name));
    }

    [Fact]
    public async Task Watch_prints_what_exists_then_each_change_until_cancelled()
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1"));
        var watching = _cli.Start("get", "pods", "-w", "-o", "name");

        await watching.WaitForOutputAsync(text => text.Contains("pod/web-1"), "the pod that exists");
        await _cli.SeedAsync(CliHarness.Pod("other", ns: "elsewhere") + CliHarness.Pod("web-2"));
        await watching.WaitForOutputAsync(text => text.Contains("pod/web-2"), "the new pod");
        var result = await watching.StopAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["pod/web-1", "pod/web-2"], result.OutputLines);
    }

    [Fact]
    public async Task Watch_rows_line_up_with_the_header_from_the_objects_there_at_the_start()
    {
        await _cli.SeedAsync(CliHarness.Pod("a-rather-long-pod-name") + CliHarness.Pod("web"));
        var watching = _cli.Start("get", "pods", "-w");

        await watching.WaitForOutputAsync(text => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 3, "the header and both pods");
        var lines = (await watching.StopAsync()).OutputLines;

        var statusColumn = lines[0].IndexOf("STATUS", StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.Equal(' ', line[statusColumn - 1]));
        Assert.All(lines.Skip(1), line => Assert.NotEqual(' ', line[statusColumn]));
    }

    [Fact]
    public async Task A_mistyped_kind_is_a_usage_error_that_suggests_the_kind()
    {
        var result = await _cli.RunAsync("get", "deploymnets");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("unknown kind \"deploymnets\"; did you mean \"deployments\"?", line);
    }

    [Fact]
    public async Task A_missing_object_is_a_failure_named_in_one_line()
    {
        var result = await _cli.RunAsync("get", "deployment", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: deployments \"nope\" not found", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Describe_shows_the_object_then_its_events()
    {
        await _cli.SeedAsync(Deployment);
        var deployment = await _cli.Client.GetAsync<Deployment>("default", "api");
        await new EventRecorder(_cli.Client, "test").RecordAsync(deployment!, EventTypes.Normal, "ScalingReplicaSet", "scaled up to 3", CancellationToken.None);

        var result = await _cli.RunAsync("describe", "deploy", "api");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("kind: Deployment", result.Output);
        Assert.Contains("ScalingReplicaSet", result.Output);
        Assert.Contains("scaled up to 3", result.Output);
        Assert.Contains("Health: Progressing (the new spec is not observed yet)", result.OutputLines);
    }

    [Fact]
    public async Task Describe_shows_health_and_the_sync_wave()
    {
        await _cli.SeedAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: late
              namespace: default
              annotations: {argocd.argoproj.io/sync-wave: "2"}
            """);

        var lines = (await _cli.RunAsync("describe", "configmap/late")).OutputLines;

        Assert.Contains("Health: Healthy", lines);
        Assert.Contains("Sync wave: 2", lines);
        var noName = await _cli.RunAsync("describe", "cm");
        Assert.Equal(2, noName.ExitCode);
        Assert.Equal("error: which cm? Give KIND NAME or KIND/NAME", Assert.Single(noName.ErrorLines));
    }
}
