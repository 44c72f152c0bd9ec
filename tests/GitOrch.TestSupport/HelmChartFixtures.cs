namespace GitOrch.TestSupport;

/// <summary>A Helm chart in the shape `helm create` gives: helpers for names and labels, a Deployment and a Service, an optional Ingress and NOTES.txt.</summary>
public static class HelmChartFixtures
{
    public const string ChartYaml = """
        apiVersion: v2
        name: web
        description: A web server
        version: 1.4.2
        appVersion: "2.1.0"
        """;

    public const string Values = """
        replicaCount: 2
        image:
          repository: nginx
          tag: ""
          pullPolicy: IfNotPresent
        service:
          type: ClusterIP
          port: 80
        podLabels:
          tier: frontend
          team: web
        env:
          LOG_LEVEL: info
          MODE: production
        resources:
          limits:
            cpu: 100m
            memory: 128Mi
        nodeSelector: {}
        ingress:
          enabled: false
          className: ""
          hosts:
            - host: chart-example.local
              paths:
                - path: /
                  pathType: ImplementationSpecific
        """;

    public const string Helpers = """
        {{/*
        Expand the name of the chart.
        */}}
        {{- define "web.name" -}}
        {{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
        {{- end }}

        {{- define "web.fullname" -}}
        {{- if .Values.fullnameOverride }}
        {{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
        {{- else }}
        {{- $name := default .Chart.Name .Values.nameOverride }}
        {{- if contains $name .Release.Name }}
        {{- .Release.Name | trunc 63 | trimSuffix "-" }}
        {{- else }}
        {{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
        {{- end }}
        {{- end }}
        {{- end }}

        {{- define "web.labels" -}}
        helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
        {{ include "web.selectorLabels" . }}
        {{- if .Chart.AppVersion }}
        app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
        {{- end }}
        app.kubernetes.io/managed-by: {{ .Release.Service }}
        {{- end }}

        {{- define "web.selectorLabels" -}}
        app.kubernetes.io/name: {{ include "web.name" . }}
        app.kubernetes.io/instance: {{ .Release.Name }}
        {{- end }}
        """;

    public const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ include "web.fullname" . }}
          labels:
            {{- include "web.labels" . | nindent 4 }}
        spec:
          replicas: {{ .Values.replicaCount }}
          selector:
            matchLabels:
              {{- include "web.selectorLabels" . | nindent 6 }}
          template:
            metadata:
              labels:
                {{- include "web.selectorLabels" . | nindent 8 }}
                {{- with .Values.podLabels }}
                {{- toYaml . | nindent 8 }}
                {{- end }}
            spec:
              containers:
                - name: {{ .Chart.Name }}
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
                  imagePullPolicy: {{ .Values.image.pullPolicy }}
                  env:
                    {{- range $key, $value := .Values.env }}
                    - name: {{ $key }}
                      value: {{ $value | quote }}
                    {{- end }}
                  ports:
                    - name: http
                      containerPort: {{ .Values.service.port }}
                  resources:
                    {{- toYaml .Values.resources | nindent 12 }}
              {{- with .Values.nodeSelector }}
              nodeSelector:
                {{- toYaml . | nindent 8 }}
              {{- end }}
        """;

    public const string Service = """
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ include "web.fullname" . }}
          labels:
            {{- include "web.labels" . | nindent 4 }}
        spec:
          type: {{ .Values.service.type }}
          ports:
            - port: {{ .Values.service.port }}
              targetPort: http
              protocol: TCP
              name: http
          selector:
            {{- include "web.selectorLabels" . | nindent 4 }}
        """;

    public const string Ingress = """
        {{- if .Values.ingress.enabled -}}
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: {{ include "web.fullname" . }}
          labels:
            {{- include "web.labels" . | nindent 4 }}
        spec:
          {{- with .Values.ingress.className }}
          ingressClassName: {{ . }}
          {{- end }}
          rules:
            {{- range .Values.ingress.hosts }}
            - host: {{ .host | quote }}
              http:
                paths:
                  {{- range .paths }}
                  - path: {{ .path }}
                    pathType: {{ .pathType }}
                    backend:
                      service:
                        name: {{ include "web.fullname" $ }}
                        port:
                          number: {{ $.Values.service.port }}
                  {{- end }}
            {{- end }}
        {{- end }}
        """;

    public const string Notes = """
        Thanks for installing {{ .Chart.Name }}
        """;

    public const string TestHook = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: "{{ include "web.fullname" . }}-test-connection"
          annotations:
            "helm.sh/hook": test
        spec:
          containers:
            - name: wget
              image: busybox
              command: ['wget']
              args: ['{{ include "web.fullname" . }}:{{ .Values.service.port }}']
          restartPolicy: Never
        """;

    public static (string, string?)[] Files(string folder) =>
    [
        ($"{folder}/Chart.yaml", ChartYaml),
        ($"{folder}/values.yaml", Values),
        ($"{folder}/templates/_helpers.tpl", Helpers),
        ($"{folder}/templates/deployment.yaml", Deployment),
        ($"{folder}/templates/service.yaml", Service),
        ($"{folder}/templates/ingress.yaml", Ingress),
        ($"{folder}/templates/NOTES.txt", Notes),
        ($"{folder}/templates/tests/test-connection.yaml", TestHook),
    ];
}
