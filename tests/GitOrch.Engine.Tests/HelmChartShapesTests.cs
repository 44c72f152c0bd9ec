using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts;
using GitOrch.Engine.Charts.Sources;

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
        (string, string)[] chart =
        [
            ("Chart.yaml", "apiVersion: v2\nname: cache\nversion: 17.3.0\nappVersion: 7.2.4\n"),
            ("values.yaml", "architecture: standalone\nauth: {enabled: true, password: s3cret}\nreplica: {replicaCount: 3}\nimage: {repository: redis, tag: 7.2.4}\n"),
            ("files/cache.conf", "maxmemory 256mb\nappendonly yes\n"),
            ("templates/_helpers.tpl", "{{- define \"cache.fullname\" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end }}"),
            ("templates/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ include "cache.fullname" . }}-config
                data:
                  cache.conf: |-
                {{ .Files.Get "files/cache.conf" | trim | indent 4 }}
                """),
            ("templates/secret.yaml", """
                {{- if .Values.auth.enabled }}
                apiVersion: v1
                kind: Secret
                metadata:
                  name: {{ include "cache.fullname" . }}
                type: Opaque
                data:
                  password: {{ .Values.auth.password | b64enc | quote }}
                {{- end }}
                """),
            ("templates/statefulset.yaml", """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: {{ include "cache.fullname" . }}-{{ ternary "master" "node" (eq .Values.architecture "standalone") }}
                spec:
                  serviceName: {{ include "cache.fullname" . }}-headless
                  replicas: {{ if eq .Values.architecture "standalone" }}1{{ else }}{{ .Values.replica.replicaCount }}{{ end }}
                  selector:
                    matchLabels: {app: {{ .Chart.Name }}}
                  template:
                    metadata:
                      labels: {app: {{ .Chart.Name }}}
                      annotations:
                        checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
                    spec:
                      containers:
                        - name: cache
                          image: {{ printf "%s:%s" .Values.image.repository (.Values.image.tag | toString) }}
                """),
        ];

        var standalone = Render("{}", chart);
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
        var objects = Render("{}",
            ("Chart.yaml", "apiVersion: v2\nname: edge\nversion: 4.10.0\nkubeVersion: \">=1.21.0-0\"\n"),
            ("values.yaml", "controller:\n  service:\n    ports: {http: 80, https: 443}\n    targetPorts: {http: http, https: https}\n  ingressClass: edge\n"),
            ("templates/service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: {{ .Release.Name }}-controller
                spec:
                  selector: {app: edge}
                  ports:
                  {{- range $name, $port := .Values.controller.service.ports }}
                    - name: {{ $name }}
                      port: {{ $port }}
                      targetPort: {{ index $.Values.controller.service.targetPorts $name }}
                  {{- end }}
                """),
            ("templates/ingressclass.yaml", """
                {{- if .Capabilities.APIVersions.Has "networking.k8s.io/v1/IngressClass" }}
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata:
                  name: {{ .Values.controller.ingressClass }}
                  annotations:
                    version-check: {{ semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion | quote }}
                spec:
                  controller: k8s.io/{{ .Chart.Name }}
                {{- end }}
                """));

        var service = Assert.IsType<Service>(objects.Single(o => o is Service));
        Assert.Equal(["http:80:http", "https:443:https"], service.Spec.Ports!.Select(p => $"{p.Name}:{p.Port}:{p.TargetPort}"));
        var ingressClass = Assert.IsType<IngressClass>(objects.Single(o => o is IngressClass));
        Assert.Equal("edge", ingressClass.Name);
        Assert.Equal("true", ingressClass.Annotation("version-check"));
    }

    [Fact]
    public void A_monitoring_chart_gathers_dashboards_by_glob_and_runs_a_weighted_pre_install_hook()
    {
        var objects = Render("{}",
            ("Chart.yaml", "apiVersion: v2\nname: monitoring\nversion: 58.0.0\n"),
            ("values.yaml", "dashboards: {enabled: true}\n"),
            ("dashboards/cluster.json", "{\"title\": \"cluster\"}"),
            ("dashboards/nodes.json", "{\"title\": \"nodes\"}"),
            ("dashboards/README.md", "not a dashboard"),
            ("templates/dashboards.yaml", """
                {{- if .Values.dashboards.enabled }}
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-dashboards
                data:
                {{ (.Files.Glob "dashboards/*.json").AsConfig | indent 2 }}
                {{- end }}
                """),
            ("templates/crds-job.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: {{ .Release.Name }}-admission-create
                  annotations:
                    "helm.sh/hook": pre-install,pre-upgrade
                    "helm.sh/hook-weight": "-5"
                    "helm.sh/hook-delete-policy": before-hook-creation,hook-succeeded
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                        - name: create
                          image: busybox:1.36
                          args: ["create", "--namespace={{ .Release.Namespace }}"]
                """));

        var dashboards = Assert.IsType<ConfigMap>(objects.Single(o => o is ConfigMap));
        Assert.Equal(["cluster.json", "nodes.json"], dashboards.Data!.Keys.Order());
        Assert.Equal("{\"title\": \"nodes\"}", dashboards.Data["nodes.json"]);
        var hook = Assert.IsType<Job>(objects.Single(o => o is Job));
        Assert.Equal("pre-install,pre-upgrade", hook.Annotation("helm.sh/hook"));
        Assert.Equal("--namespace=data", hook.Spec.Template.Spec.Containers[0].Args![1]);
    }

    [Fact]
    public void An_app_on_a_library_chart_passes_its_context_in_a_dict_and_honours_the_global_registry_and_its_schema()
    {
        (string, string)[] chart =
        [
            ("Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: common\n    version: 2.x.x\n"),
            ("values.yaml", "global: {imageRegistry: registry.example}\nimage: {repository: team/app, tag: '1.4'}\ncommonLabels: {team: payments}\n"),
            ("values.schema.json", """{"type": "object", "properties": {"image": {"type": "object", "required": ["repository", "tag"], "properties": {"tag": {"type": "string"}}}}}"""),
            ("charts/common/Chart.yaml", "apiVersion: v2\nname: common\nversion: 2.19.0\ntype: library\n"),
            ("charts/common/templates/_labels.tpl", """
                {{- define "common.labels.standard" -}}
                app.kubernetes.io/name: {{ .context.Chart.Name }}
                app.kubernetes.io/instance: {{ .context.Release.Name }}
                {{- with .customLabels }}
                {{ toYaml . }}
                {{- end }}
                {{- end -}}
                """),
            ("charts/common/templates/_images.tpl", """
                {{- define "common.images.image" -}}
                {{- $registry := .global.imageRegistry | default .imageRoot.registry -}}
                {{- if $registry }}{{ $registry }}/{{ end }}{{ .imageRoot.repository }}:{{ .imageRoot.tag }}
                {{- end -}}
                """),
            ("templates/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}-{{ .Chart.Name }}
                  labels: {{- include "common.labels.standard" (dict "customLabels" .Values.commonLabels "context" $) | nindent 4 }}
                spec:
                  selector:
                    matchLabels: {app.kubernetes.io/name: {{ .Chart.Name }}}
                  template:
                    metadata:
                      labels: {app.kubernetes.io/name: {{ .Chart.Name }}}
                    spec:
                      containers:
                        - name: app
                          image: {{ include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global) }}
                """),
        ];

        var deployment = Assert.IsType<Deployment>(Assert.Single(Render("{}", chart)));

        Assert.Equal("registry.example/team/app:1.4", deployment.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "app", ["app.kubernetes.io/instance"] = "prod", ["team"] = "payments" }, deployment.Labels);
        Assert.Contains("values do not match values.schema.json: image.tag: ", Assert.Throws<ManifestException>(() => Render("image: {tag: 2}")).Message);
    }
}
