using GitOrch.Api.Model;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

/// <summary>Nothing in a commit is skipped silently: a Helm chart's folder is a release of its own, and GitOrch charts nothing refers to and files no load reads each get a warning.</summary>
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
    public void AnUnreferencedHelmChart_IsAReleaseNamedAfterItsFolder_AndJsonnetIsNamed_AndTheWarningsFollowLaterCommits()
    {
        _repo.Commit("an app beside a Helm chart and some Jsonnet",
            ("app.yaml", ChartFixtures.ConfigMap("app", "red")),
            ("redis/Chart.yaml", "apiVersion: v2\nname: redis\nversion: 1.0.0\n"),
            ("redis/values.yaml", "port: 6379\n"),
            ("redis/templates/_helpers.tpl", "{{ define \"redis.fullname\" }}{{ .Release.Name }}-cache{{ end }}"),
            ("redis/templates/configmap.yaml", HelmTemplate),
            ("monitoring/dashboards.jsonnet", "{}\n"),
            ("monitoring/alerts.libsonnet", "{}\n"),
            ("README.md", "not a manifest\n"));
        var loader = new DesiredStateLoader(ManifestRepository.Open(_repo.Path));

        var first = loader.Load();
        _repo.Commit("drop the Jsonnet", ("monitoring/dashboards.jsonnet", null), ("monitoring/alerts.libsonnet", null));
        var second = loader.Load().Warnings();

        var rendered = Assert.IsType<ConfigMap>(first.Objects.Values.Single(declared => declared.Object.Name == "redis-cache").Object);
        Assert.Equal("default", rendered.Namespace);
        Assert.Equal("6379", rendered.Data!["port"]);
        Assert.Equal(["monitoring/alerts.libsonnet, monitoring/dashboards.jsonnet: never applied; GitOrch applies YAML manifests, kustomizations and charts"], first.Warnings());
        Assert.Empty(second);
    }

    [Fact]
    public void AnUnreferencedGitOrchChart_IsNamed()
    {
        _repo.Commit("a chart with no release", ChartFixtures.Files("charts/web"));

        Assert.Equal(["charts/web/Chart.yaml: no ChartRelease refers to this chart, so nothing in its folder is applied"],
            new DesiredStateLoader(ManifestRepository.Open(_repo.Path)).Load().Warnings());
    }

    [Fact]
    public void AChartThatAChartReleaseRendersGetsNoWarning()
    {
        _repo.Commit("a chart and its release", [.. ChartFixtures.Files("charts/web"), ("release.yaml", ChartFixtures.Release("web", "charts/web"))]);

        Assert.Empty(new DesiredStateLoader(ManifestRepository.Open(_repo.Path)).Load().Warnings());
    }

    public void Dispose() => _repo.Dispose();
}
