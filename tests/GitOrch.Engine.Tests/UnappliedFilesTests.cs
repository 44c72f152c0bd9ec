using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>Nothing in a commit is skipped silently: charts nothing refers to and files no load reads each get a warning.</summary>
public sealed class UnappliedFilesTests : IDisposable
{
    private readonly GitRepository _repo = new();

    private const string HelmTemplate = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ include "redis.fullname" . }}
        data:
          port: {{ .Values.port | quote }}
        """;

    [Fact]
    public void AnUnreferencedHelmChart_AndJsonnet_AreNamed_AndTheWarningsFollowLaterCommits()
    {
        _repo.Commit("an app beside a Helm chart and some Jsonnet",
            ("app.yaml", ChartFixtures.ConfigMap("app", "red")),
            ("redis/Chart.yaml", "apiVersion: v2\nname: redis\nversion: 1.0.0\n"),
            ("redis/values.yaml", "port: 6379\n"),
            ("redis/templates/configmap.yaml", HelmTemplate),
            ("monitoring/dashboards.jsonnet", "{}\n"),
            ("monitoring/alerts.libsonnet", "{}\n"),
            ("README.md", "not a manifest\n"));
        var loader = new DesiredStateLoader(ManifestRepository.Open(_repo.Path));

        var first = loader.Load().Warnings();
        _repo.Commit("drop the Jsonnet", ("monitoring/dashboards.jsonnet", null), ("monitoring/alerts.libsonnet", null));
        var second = loader.Load().Warnings();

        Assert.Equal([
            "redis/Chart.yaml: no ChartRelease refers to this chart, so nothing in its folder is applied; it is a Helm chart (Go templates), which GitOrch does not render yet",
            "monitoring/alerts.libsonnet, monitoring/dashboards.jsonnet: never applied; GitOrch applies YAML manifests, kustomizations and charts",
        ], first);
        Assert.Equal([first[0]], second);
    }

    [Fact]
    public void AChartThatAChartReleaseRendersGetsNoWarning()
    {
        _repo.Commit("a chart and its release", [.. ChartFixtures.Files("charts/web"), ("release.yaml", ChartFixtures.Release("web", "charts/web"))]);

        Assert.Empty(new DesiredStateLoader(ManifestRepository.Open(_repo.Path)).Load().Warnings());
    }

    public void Dispose() => _repo.Dispose();
}
