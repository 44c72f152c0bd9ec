using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts;
using GitOrch.Engine.Charts.Sources;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>A Helm chart in `helm create`'s shape, rendered natively: the objects it makes, what a values change does, and its errors.</summary>
public sealed class HelmChartRendererTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gitorch-helm-");

    public void Dispose() => _folder.Delete(recursive: true);

    private DirectoryChartFiles Chart(params (string File, string Text)[] replaced)
    {
        foreach (var (file, content) in HelmChartFixtures.Files(_folder.FullName).Concat(replaced.Select(r => ($"{_folder.FullName}/{r.File}", (string?)r.Text))))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content);
        }
        return new DirectoryChartFiles(_folder.FullName);
    }

    private static IReadOnlyList<LoadedObject> Render(DirectoryChartFiles chart, string overrides = "{}") =>
        ChartRenderer.Render(chart, "shop", "apps", ChartValues.Merge(ChartRenderer.DefaultValues(chart), ChartValues.Parse("overrides.yaml", overrides)));

    [Fact]
    public void The_chart_renders_its_Deployment_and_Service_with_its_helpers_and_leaves_out_the_disabled_Ingress_the_notes_and_the_test_hook()
    {
        var objects = Render(Chart());

        Assert.Equal(["Deployment/shop-web", "Service/shop-web"], objects.Select(o => $"{o.Object.Kind}/{o.Object.Name}"));
        var deployment = Assert.IsType<Deployment>(objects[0].Object);
        Assert.Equal("apps", deployment.Namespace);
        Assert.Equal(2, deployment.Spec.Replicas);
        Assert.Equal("web-1.4.2", deployment.Labels["helm.sh/chart"]);
        Assert.Equal("2.1.0", deployment.Labels["app.kubernetes.io/version"]);
        Assert.Equal("Helm", deployment.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "web", ["app.kubernetes.io/instance"] = "shop" }, deployment.Spec.Selector!.MatchLabels);
        Assert.Equal("frontend", deployment.Spec.Template.Metadata!.Labels!["tier"]);
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        Assert.Equal("nginx:2.1.0", container.Image);
        Assert.Equal(["LOG_LEVEL=info", "MODE=production"], container.Env!.Select(e => $"{e.Name}={e.Value}"));
        Assert.Equal("128Mi", container.Resources!.Limits!["memory"]);
        Assert.Equal(80, Assert.Single(Assert.IsType<Service>(objects[1].Object).Spec.Ports!).Port);
    }

    [Fact]
    public void A_values_change_changes_exactly_the_objects_it_reaches()
    {
        var chart = Chart();
        var before = Render(chart);

        var after = Render(chart, "replicaCount: 3\nimage: {tag: '2.2.0'}\ningress: {enabled: true}\nfullnameOverride: storefront");

        Assert.Equal(["Deployment/storefront", "Ingress/storefront", "Service/storefront"], after.Select(o => $"{o.Object.Kind}/{o.Object.Name}"));
        var deployment = Assert.IsType<Deployment>(after[0].Object);
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("nginx:2.2.0", deployment.Spec.Template.Spec.Containers[0].Image);
        var rule = Assert.Single(Assert.IsType<Ingress>(after[1].Object).Spec.Rules!);
        Assert.Equal("chart-example.local", rule.Host);
        Assert.Equal("storefront", rule.Http!.Paths[0].Backend.Service!.Name);
        Assert.Equal(2, before.Count);
    }

    [Fact]
    public void A_template_error_is_one_line_with_the_file_line_column_and_Gos_words()
    {
        var chart = Chart(("templates/deployment.yaml", HelmChartFixtures.Deployment.Replace("{{ .Values.image.pullPolicy }}", "{{ .Values.image.policy.name }}")));

        var error = Assert.Throws<ManifestException>(() => Render(chart));

        Assert.Equal(
            $"{_folder.FullName}/templates/deployment.yaml:23:31: chart web: executing \"web/templates/deployment.yaml\" at <.Values.image.policy.name>: nil pointer evaluating interface {{}}.name",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Required_and_fail_pass_the_chart_authors_words_through()
    {
        var chart = Chart(("templates/config.yaml", "{{ required \"set image.registry to your registry\" .Values.image.registry }}"));

        var error = Assert.Throws<ManifestException>(() => Render(chart));

        Assert.EndsWith("templates/config.yaml:1:4: chart web: set image.registry to your registry", error.Message);
    }

    [Fact]
    public void A_parse_error_in_a_helper_names_the_helper()
    {
        var chart = Chart(("templates/_broken.tpl", "{{ define \"x\" }}\n{{ if }}\n{{ end }}"));

        var error = Assert.Throws<ManifestException>(() => Render(chart));

        Assert.Contains("templates/_broken.tpl:2:1: chart web: missing value for if", error.Message);
    }

    [Fact]
    public void Engine_scriban_keeps_a_chart_with_an_apiVersion_on_Scriban_and_an_unknown_engine_is_refused()
    {
        var scriban = Chart(("Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\nengine: scriban\n"),
            ("templates/deployment.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ release.name }}}\n"),
            ("templates/service.yaml", ""), ("templates/ingress.yaml", ""), ("templates/_helpers.tpl", ""));
        Assert.Equal("shop", Assert.Single(Render(scriban)).Object.Name);

        var unknown = Chart(("Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\nengine: jinja\n"));
        Assert.Contains("engine \"jinja\" is not one GitOrch renders", Assert.Throws<ManifestException>(() => Render(unknown)).Message);
    }

    [Theory]
    [InlineData(">=1.20.0-0", null)]
    [InlineData(">=1.40.0", "chart web requires kubeVersion: >=1.40.0 which is incompatible with Kubernetes v1.32.0")]
    [InlineData("not a constraint", "kubeVersion \"not a constraint\"")]
    public void KubeVersion_constraints_are_checked_against_the_version_GitOrch_serves(string constraint, string? error)
    {
        var chart = Chart(("Chart.yaml", HelmChartFixtures.ChartYaml + $"\nkubeVersion: \"{constraint}\"\n"));

        if (error is null) Assert.Equal(2, Render(chart).Count);
        else Assert.Contains(error, Assert.Throws<ManifestException>(() => Render(chart)).Message);
    }

    [Fact]
    public void Values_that_break_values_schema_json_are_refused_naming_the_field()
    {
        var chart = Chart(("values.schema.json", """
            {"type": "object", "properties": {"replicaCount": {"type": "integer", "minimum": 1}}, "required": ["replicaCount"]}
            """));

        Assert.Equal(2, Render(chart).Count);
        var error = Assert.Throws<ManifestException>(() => Render(chart, "replicaCount: many")).Message;
        Assert.StartsWith($"{_folder.FullName}/values.schema.json:1:1: chart web: values do not match values.schema.json: replicaCount: ", error);
        Assert.Contains("values do not match", Assert.Throws<ManifestException>(() => Render(chart, "replicaCount: 0")).Message);
    }

    [Theory]
    [InlineData("replicaCount=4", "replicas", "4")]
    [InlineData("image.tag=3.0,image.repository=caddy", "image", "caddy:3.0")]
    [InlineData("env.GREETING=hi\\,there", "GREETING", "hi,there")]
    public void Helms_set_syntax_reaches_the_values(string assignment, string what, string expected)
    {
        var chart = Chart();
        var values = ChartValues.Merge(ChartRenderer.DefaultValues(chart), new System.Text.Json.Nodes.JsonObject());
        SetValues.Apply(values, assignment);

        var deployment = Assert.IsType<Deployment>(ChartRenderer.Render(chart, "shop", "apps", values)[0].Object);

        Assert.Equal(expected, what switch
        {
            "replicas" => deployment.Spec.Replicas.ToString(),
            "image" => deployment.Spec.Template.Spec.Containers[0].Image,
            _ => deployment.Spec.Template.Spec.Containers[0].Env!.Single(e => e.Name == what).Value,
        });
    }

    [Fact]
    public void Set_builds_lists_and_indexed_entries_and_types_values_as_Helm_does()
    {
        var values = new System.Text.Json.Nodes.JsonObject();

        SetValues.Apply(values, "hosts={a.example,b.example},ports[1].name=http,flag=true,zip=007,count=12,ratio=1.5,none=null");

        Assert.Equal("{\"hosts\":[\"a.example\",\"b.example\"],\"ports\":[null,{\"name\":\"http\"}],\"flag\":true,\"zip\":\"007\",\"count\":12,\"ratio\":\"1.5\",\"none\":null}",
            values.ToJsonString());
        Assert.Throws<ArgumentException>(() => SetValues.Apply(values, "novalue"));
    }

    private const string SubchartConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-{{ .Chart.Name }}
        data:
          region: {{ .Values.global.region | quote }}
          port: {{ .Values.port | quote }}
          label: {{ include "web.name" $ | quote }}
        """;

    private static byte[] Packed(string chartName, params (string Path, string Text)[] files)
    {
        using var bytes = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(bytes, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new System.Formats.Tar.TarWriter(gzip))
        {
            foreach (var (path, text) in files)
            {
                var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, $"{chartName}/{path}")
                {
                    DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)),
                };
                tar.WriteEntry(entry);
            }
        }
        return bytes.ToArray();
    }

    [Fact]
    public void Subcharts_as_folders_and_archives_get_their_section_of_the_values_and_the_globals_and_conditions_and_aliases_hold()
    {
        var chart = Chart(
            ("Chart.yaml", HelmChartFixtures.ChartYaml + """

                dependencies:
                  - name: cache
                    version: 1.0.0
                    condition: cache.enabled
                  - name: queue
                    version: 2.0.0
                    alias: jobs
                  - name: metrics
                    version: 1.0.0
                    tags: [monitoring]
                """),
            ("values.yaml", HelmChartFixtures.Values + "\nglobal: {region: eu-west}\ncache: {enabled: true, port: 6380}\njobs: {port: 5673}\ntags: {monitoring: false}\n"),
            ("charts/cache/Chart.yaml", "apiVersion: v2\nname: cache\nversion: 1.0.0\n"),
            ("charts/cache/values.yaml", "port: 6379\nglobal: {region: none, tier: cache}\n"),
            ("charts/cache/templates/configmap.yaml", SubchartConfigMap),
            ("charts/metrics/Chart.yaml", "apiVersion: v2\nname: metrics\nversion: 1.0.0\n"),
            ("charts/metrics/values.yaml", "port: 9090\n"),
            ("charts/metrics/templates/configmap.yaml", SubchartConfigMap));
        File.WriteAllBytes($"{_folder.FullName}/charts/queue-2.0.0.tgz", Packed("queue",
            ("Chart.yaml", "apiVersion: v2\nname: queue\nversion: 2.0.0\n"),
            ("values.yaml", "port: 5672\n"),
            ("templates/configmap.yaml", SubchartConfigMap)));

        var maps = Render(chart).Select(o => o.Object).OfType<ConfigMap>().ToDictionary(map => map.Name, map => map.Data!);

        Assert.Equal(["shop-cache", "shop-jobs"], maps.Keys.Order());
        Assert.Equal(new Dictionary<string, string> { ["region"] = "eu-west", ["port"] = "6380", ["label"] = "cache" }, maps["shop-cache"]);
        Assert.Equal("5673", maps["shop-jobs"]["port"]);
        Assert.Equal("eu-west", maps["shop-jobs"]["region"]);
        Assert.Equal(["shop-jobs", "shop-metrics"], Render(chart, "cache: {enabled: false}\ntags: {monitoring: true}").Select(o => o.Object.Name).Where(name => name != "shop-web").Order());
    }

    [Fact]
    public void A_library_subchart_only_defines_and_a_missing_dependency_says_how_to_get_it()
    {
        var library = Chart(
            ("Chart.yaml", HelmChartFixtures.ChartYaml + "\ndependencies:\n  - name: common\n    version: 1.x\n"),
            ("charts/common/Chart.yaml", "apiVersion: v2\nname: common\nversion: 1.0.0\ntype: library\n"),
            ("charts/common/templates/_names.tpl", "{{ define \"common.names.fullname\" }}{{ .Release.Name }}-common{{ end }}"),
            ("charts/common/templates/unused.yaml", "kind: Nothing"),
            ("templates/service.yaml", HelmChartFixtures.Service.Replace("{{ include \"web.fullname\" . }}", "{{ include \"common.names.fullname\" . }}")));
        Assert.Equal(["Deployment/shop-web", "Service/shop-common"], Render(library).Select(o => $"{o.Object.Kind}/{o.Object.Name}"));

        File.WriteAllText($"{_folder.FullName}/Chart.yaml", HelmChartFixtures.ChartYaml + "\ndependencies:\n  - name: redis\n    version: 17.x\n");
        Assert.Contains("dependency redis is not in charts/; run helm dependency build",
            Assert.Throws<ManifestException>(() => Render(new DirectoryChartFiles(_folder.FullName))).Message);
    }

    [Fact]
    public void Import_values_take_a_childs_exports_into_the_parent()
    {
        var chart = Chart(
            ("Chart.yaml", HelmChartFixtures.ChartYaml + "\ndependencies:\n  - name: shared\n    version: 1.0.0\n    import-values: [defaults]\n"),
            ("charts/shared/Chart.yaml", "apiVersion: v2\nname: shared\nversion: 1.0.0\n"),
            ("charts/shared/values.yaml", "exports: {defaults: {replicaCount: 5}}\n"));
        var values = ChartValues.Merge(ChartRenderer.DefaultValues(chart), new System.Text.Json.Nodes.JsonObject());
        values.Remove("replicaCount");

        var deployment = Assert.IsType<Deployment>(ChartRenderer.Render(chart, "shop", "apps", values)[0].Object);

        Assert.Equal(5, deployment.Spec.Replicas);
    }
}
