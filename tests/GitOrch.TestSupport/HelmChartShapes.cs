namespace GitOrch.TestSupport;

/// <summary>
/// Charts in the shapes popular public charts take, each with its Chart.yaml, values and templates:
/// a cache, an ingress controller, a monitoring stack with a hook, and an app on a library chart.
/// </summary>
public static class HelmChartShapes
{
    /// <summary>A cache whose config comes from a file, with a checksum annotation that rolls its pods when the config changes.</summary>
    public static (string File, string Text)[] Cache =>
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

    /// <summary>An ingress controller whose Service ports range over a map, and whose IngressClass depends on the capabilities.</summary>
    public static (string File, string Text)[] Edge =>
    [
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
            """),
    ];

    /// <summary>A monitoring chart that gathers dashboards by a glob, and runs a weighted pre-install hook Job.</summary>
    public static (string File, string Text)[] Monitoring =>
    [
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
                      command: ["sh", "-c", "echo creating the admission secret in {{ .Release.Namespace }}"]
            """),
    ];

    /// <summary>An app on a library chart that passes its context in a dict, with a global registry and a values schema.</summary>
    public static (string File, string Text)[] LibraryApp =>
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
}
