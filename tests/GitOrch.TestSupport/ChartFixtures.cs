namespace GitOrch.TestSupport;

/// <summary>A small chart: a ConfigMap per item, with a partial for the chart label.</summary>
public static class ChartFixtures
{
    public const string ChartYaml = "name: web\nversion: 1.2.0\n";

    public const string Values = "greeting: hello\nitems: [a, b]\n";

    public const string ChartLabel = "{{ chart.name }}-{{ chart.version }}";

    public const string Template = """
        {{ for item in values.items }}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ release.name }}-{{ item }}
          labels:
            app: {{ release.name }}
            chart: {{ include "_chart_label.sbn" }}
        data:
          greeting: "{{ values.greeting }}"
        {{ end }}
        """;

    public static (string, string?)[] Files(string folder) =>
    [
        ($"{folder}/Chart.yaml", ChartYaml),
        ($"{folder}/values.yaml", Values),
        ($"{folder}/templates/_chart_label.sbn", ChartLabel),
        ($"{folder}/templates/config.yaml", Template),
    ];

    public static string Release(string name, string chart, string values = "{}", string valuesFiles = "[]") => $"""
        apiVersion: gitorch.io/v1
        kind: ChartRelease
        metadata: {"{"}name: {name}, namespace: apps{"}"}
        spec:
          chart: {chart}
          valuesFiles: {valuesFiles}
          values: {values}
        """;

    public static string ConfigMap(string name, string color) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata: {"{"}name: {name}{"}"}
        data: {"{"}color: {color}{"}"}
        """;
}
