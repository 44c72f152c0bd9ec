using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts;
using GitOrch.Engine.Charts.Sources;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>
/// Charts in the shapes popular public charts take: a cache with its config from a file and a checksum
/// annotation, a controller whose ports range over a map and whose Ingress API depends on the
/// capabilities, a monitoring chart with dashboards from a glob and a pre-install hook, and an app on a
/// library chart that passes its context in a dict, with global registry and a schema.
/// </summary>
public sealed class HelmChartShapesTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gitorch-shapes-");

    public void Dispose() => _folder.Delete(recursive: true);

    private IReadOnlyList<KubeObject> Render(string overrides, params (string File, string Text)[] files)
    {
        foreach (var (file, text) in files)
        {
            var path = Path.Combine(_folder.FullName, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        var chart = new DirectoryChartFiles(_folder.FullName);
        var values = ChartValues.Merge(ChartRenderer.DefaultValues(chart), ChartValues.Parse("overrides.yaml", overrides));
        return ChartRenderer.Render(chart, "prod", "data", values).Select(loaded => loaded.Object).ToList();
    }

    [Fact]
    public void A_cache_takes_its_config_from_a_file_and_rolls_its_pods_by_the_configs_checksum()
    {

        var standalone = Render("{}", HelmChartShapes.Cache);
        var replicated = Render("architecture: replication\nauth: {enabled: false}");

        var config = Assert.IsType<ConfigMap>(standalone.Single(o => o is ConfigMap));
        Assert.Equal("maxmemory 256mb\nappendonly yes", config.Data!["cache.conf"]);
        Assert.Equal("czNjcmV0", Assert.IsType<Secret>(standalone.Single(o => o is Secret)).Data!["password"]);
        var master = Assert.IsType<StatefulSet>(standalone.Single(o => o is StatefulSet));
        Assert.Equal(("prod-cache-master", 1), (master.Name, master.Spec.Replicas));
        Assert.Matches("^[0-9a-f]{64}$", master.Spec.Template.Metadata!.Annotations!["checksum/config"]);
        Assert.Equal("redis:7.2.4", master.Spec.Template.Spec.Containers[0].Image);
        var nodes = Assert.IsType<StatefulSet>(replicated.Single(o => o is StatefulSet));
        Assert.Equal(("prod-cache-node", 3), (nodes.Name, nodes.Spec.Replicas));
        Assert.DoesNotContain(replicated, o => o is Secret);
    }

    [Fact]
    public void A_controllers_ports_range_over_a_map_and_its_Ingress_API_follows_the_capabilities()
    {
        var objects = Render("{}", HelmChartShapes.Edge);


        var service = Assert.IsType<Service>(objects.Single(o => o is Service));
        Assert.Equal(["http:80:http", "https:443:https"], service.Spec.Ports!.Select(p => $"{p.Name}:{p.Port}:{p.TargetPort}"));
        var ingressClass = Assert.IsType<IngressClass>(objects.Single(o => o is IngressClass));
        Assert.Equal("edge", ingressClass.Name);
        Assert.Equal("true", ingressClass.Annotation("version-check"));
    }

    [Fact]
    public void A_monitoring_chart_gathers_dashboards_by_glob_and_runs_a_weighted_pre_install_hook()
    {
        var objects = Render("{}", HelmChartShapes.Monitoring);


        var dashboards = Assert.IsType<ConfigMap>(objects.Single(o => o is ConfigMap));
        Assert.Equal(["cluster.json", "nodes.json"], dashboards.Data!.Keys.Order());
        Assert.Equal("{\"title\": \"nodes\"}", dashboards.Data["nodes.json"]);
        var hook = Assert.IsType<Job>(objects.Single(o => o is Job));
        Assert.Equal("pre-install,pre-upgrade", hook.Annotation("helm.sh/hook"));
        Assert.Equal("echo creating the admission secret in data", hook.Spec.Template.Spec.Containers[0].Command![2]);
    }

    [Fact]
    public void An_app_on_a_library_chart_passes_its_context_in_a_dict_and_honours_the_global_registry_and_its_schema()
    {

        var deployment = Assert.IsType<Deployment>(Assert.Single(Render("{}", HelmChartShapes.LibraryApp)));

        Assert.Equal("registry.example/team/app:1.4", deployment.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "app", ["app.kubernetes.io/instance"] = "prod", ["team"] = "payments" }, deployment.Labels);
        Assert.Contains("values do not match values.schema.json: image.tag: ", Assert.Throws<ManifestException>(() => Render("image: {tag: 2}")).Message);
    }
}
