using GitOrch.TestSupport;

namespace GitOrch.Benchmarks;

/// <summary>Manifests the process benchmarks commit.</summary>
public static class BenchmarkManifests
{
    /// <summary>A Deployment "web" of busybox; <paramref name="container"/> adds fields to its container, indented to match.</summary>
    public static string Deployment(int replicas, string container) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: busybox:1.36
        {{container}}
        """;

    /// <summary>Writes one ConfigMap file per index, 100 to a folder, each holding <paramref name="value"/>.</summary>
    public static void WriteConfigMaps(GitRepository repo, IEnumerable<int> indexes, string value)
    {
        foreach (var i in indexes)
        {
            var folder = Path.Combine(repo.Path, $"team-{i / 100:D2}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"config-{i:D4}.yaml"), ChartFixtures.ConfigMap($"config-{i:D4}", value));
        }
    }
}
