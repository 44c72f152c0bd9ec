using GitOrch.Api.Model;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests.Networking;

/// <summary>
/// The three-node Service test on the process runtime: each pod is a host process listening on its
/// own address from its node's block, and node 1 reaches every replica through the cluster IP and
/// the other nodes' pods directly. (Processes use the host's resolver, so cluster DNS is not theirs.)
/// </summary>
public sealed class ProcessNodesNetworkingTests(ProcessNodesCluster cluster) : IClassFixture<ProcessNodesCluster>
{
    private const string Web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              affinity:
                podAntiAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - labelSelector: {matchLabels: {app: web}}
                    topologyKey: kubernetes.io/hostname
              containers:
              - name: web
                image: busybox:1.36
                command: ["sh", "-c", "echo $POD_NAME > index.html && exec busybox httpd -f -p $POD_IP:8080 -h ."]
                env:
                - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{name: tcp-web, port: 80, targetPort: 8080}]
        """;

    [Fact]
    public async Task NodeOne_ReachesEveryReplicaThroughTheClusterIP_AndTheOtherNodesPodsDirectly()
    {
        await cluster.WaitForRoutesAsync();
        await cluster.CommitAndSyncAsync("web", "web.yaml", Web);
        var pods = await Eventually.WaitAsync(() => cluster.ReadyPodsAsync("web"),
            ready => ready.Count == 3 && ready.Select(cluster.NodeOf).Distinct().Count() == 3, MultiNodeCluster.Patience, "three web processes, one per node");
        Assert.All(pods, pod => Assert.StartsWith("10.244.", pod.Status!.PodIP));
        var clusterIP = (await cluster.Client.GetAsync<Service>("default", "web"))!.Spec.ClusterIP;

        var answered = new HashSet<string>();
        await Eventually.WaitAsync(async () =>
        {
            answered.Add(await cluster.HttpFromNodeAsync(1, $"http://{clusterIP}/"));
            return answered;
        }, seen => pods.All(pod => seen.Contains(pod.Name)), MultiNodeCluster.Patience, "every replica through the cluster IP from node 1");
        foreach (var other in pods.Where(pod => cluster.NodeOf(pod) != 1))
            Assert.Equal(other.Name, await cluster.HttpFromNodeAsync(1, $"http://{other.Status!.PodIP}:8080/"));
    }
}
