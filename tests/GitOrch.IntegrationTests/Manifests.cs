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

    /// <summary>A rolling Deployment of sleeping busybox containers; <paramref name="marker"/> makes each version's template distinct.</summary>
    public static string RollingDeployment(string name, int replicas, int marker) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: {{replicas}}
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxUnavailable: 1, maxSurge: 1}
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox:1.36
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "trap 'exit 0' TERM; sleep {{marker}} & wait"]
        """;

    /// <summary>A StatefulSet whose pods write their hostname into their claim once, then sleep.</summary>
    public static string RecordingStatefulSet(string name, int replicas) => $$"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: {{name}}
        spec:
          replicas: {{replicas}}
          serviceName: {{name}}
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox:1.36
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "trap 'exit 0' TERM; [ -f /data/id ] || (hostname > /data/id; date +%s%N >> /data/id); sleep 3600 & wait"]
                volumeMounts:
                - {name: data, mountPath: /data}
          volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests: {storage: 1Gi}
        """;
}
