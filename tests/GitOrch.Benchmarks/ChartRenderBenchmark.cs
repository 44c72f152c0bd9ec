using System.Diagnostics;
using GitOrch.Engine.Charts;
using GitOrch.Engine.Charts.Sources;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.TestSupport;

namespace GitOrch.Benchmarks;

/// <summary>
/// Rendering charts natively: a Helm chart of 30 templates (helpers, range over a map, toYaml with
/// nindent) against a Scriban chart of the same size and output (its fields named one by one), once, then as 100 ChartReleases of it
/// in a full load, and the load of a commit that changes one release's values, which re-renders only
/// that release. All in process.
/// </summary>
public static class ChartRenderBenchmark
{
    private const int Templates = 30;
    private const int Releases = 100;
    private const int Rounds = 5;

    public static void Run()
    {
        Console.WriteLine($"charts: {Templates} templates, {Releases} releases, in process");
        foreach (var (engine, files) in new[] { ("Helm (Go templates)", HelmChart()), ("Scriban", ScribanChart()) })
        {
            using var repo = new GitRepository();
            repo.Commit("a chart and its releases", [.. files, .. Enumerable.Range(0, Releases).Select(i => ($"apps/r{i:D3}.yaml", (string?)Release(i, "blue")))]);
            var folder = Path.Combine(repo.Path, "chart");
            var chart = new DirectoryChartFiles(folder);
            var one = Timing.Median(() => ChartRenderer.Render(chart, "r000", "apps", ChartRenderer.DefaultValues(chart)), Rounds);
            var source = ManifestRepository.Open(repo.Path);
            var full = Timing.Median(() => new DesiredStateLoader(source).Load(), Rounds);
            var loader = new DesiredStateLoader(source);
            loader.Load();
            var incremental = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                repo.Commit("one release's values", ("apps/r000.yaml", Release(0, $"green-{round}")));
                var clock = Stopwatch.StartNew();
                loader.Load();
                incremental.Add(clock.Elapsed.TotalMilliseconds);
            }
            var objects = new DesiredStateLoader(source).Load().Objects.Count;
            Console.WriteLine($"  {engine}:");
            Console.WriteLine($"    one render of the chart:                  {one,8:F1} ms");
            Console.WriteLine($"    full load, {Releases} releases ({objects:N0} objects): {full,8:F0} ms");
            Console.WriteLine($"    load of a commit changing one release:    {incremental.Order().ElementAt(Rounds / 2),8:F1} ms");
        }
    }

    private static string Release(int i, string color) =>
        $"apiVersion: gitorch.io/v1\nkind: ChartRelease\nmetadata: {{name: r{i:D3}, namespace: apps}}\nspec:\n  chart: chart\n  values: {{settings: {{color: {color}}}}}\n";

    private const string Values = "settings: {color: blue, size: large, tier: web, zone: a}\nextra: {owner: team, cost: shared}\n";

    private static (string, string?)[] HelmChart() =>
    [
        ("chart/Chart.yaml", "apiVersion: v2\nname: bench\nversion: 1.0.0\n"),
        ("chart/values.yaml", Values),
        ("chart/templates/_helpers.tpl", """
            {{- define "bench.fullname" -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end }}
            {{- define "bench.labels" -}}
            app: {{ include "bench.fullname" . }}
            chart: {{ .Chart.Name }}-{{ .Chart.Version }}
            {{- end }}
            """),
        .. Enumerable.Range(0, Templates).Select(i => ($"chart/templates/config-{i:D2}.yaml", (string?)$$$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ include "bench.fullname" . }}-{{{i}}}
              labels:
                {{- include "bench.labels" . | nindent 4 }}
            data:
              {{- range $key, $value := .Values.settings }}
              {{ $key }}: {{ $value | quote }}
              {{- end }}
              extra: |
                {{- toYaml .Values.extra | nindent 4 }}
            """)),
    ];

    private static (string, string?)[] ScribanChart() =>
    [
        ("chart/Chart.yaml", "name: bench\nversion: 1.0.0\n"),
        ("chart/values.yaml", Values),
        ("chart/templates/_chart.sbn", "{{ chart.name }}-{{ chart.version }}"),
        .. Enumerable.Range(0, Templates).Select(i => ($"chart/templates/config-{i:D2}.yaml", (string?)$$$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ release.name }}-{{ chart.name }}-{{{i}}}
              labels:
                app: {{ release.name }}-{{ chart.name }}
                chart: {{ include "_chart.sbn" }}
            data:
              color: "{{ values.settings.color }}"
              size: "{{ values.settings.size }}"
              tier: "{{ values.settings.tier }}"
              zone: "{{ values.settings.zone }}"
              extra: |
                cost: {{ values.extra.cost }}
                owner: {{ values.extra.owner }}
            """)),
    ];
}
