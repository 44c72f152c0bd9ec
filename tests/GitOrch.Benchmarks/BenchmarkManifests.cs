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
}
