namespace GitOrch.IntegrationTests;

public static class Manifests
{
    /// <summary>A Deployment whose containers just sleep; the marker makes its processes easy to find on the host.</summary>
    public static string SleepDeployment(string name, int replicas, int marker) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              containers:
              - name: main
                image: busybox:1.36
                imagePullPolicy: IfNotPresent
                command: ["sleep", "{{marker}}"]
                resources:
                  requests: {cpu: 10m, memory: 8Mi}
        """;
}
