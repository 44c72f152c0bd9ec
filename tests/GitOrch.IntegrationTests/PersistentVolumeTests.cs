using GitOrch.Api.Model;
using GitOrch.Api.Vocabulary;
using GitOrch.Store;
using GitOrch.Store.Nats;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// Claims on the local-path class, end to end: a server and a Docker agent as separate processes on
/// nats-server, the claims in git. Data outlives the pod that wrote it; a deleted claim's volume goes or
/// stays by its class's reclaim policy.
/// </summary>
[Collection("end-to-end")]
public sealed class PersistentVolumeTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");
    private readonly string _node = $"it-{Guid.NewGuid():N}"[..12];

    /// <summary>A pod that writes a random marker into its claim once, and keeps what it finds there.</summary>
    private static string Writer(string name, string claim) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              labels:
                app: {{name}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox:1.36
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "trap 'exit 0' TERM; [ -f /data/marker ] || (date +%s%N > /data/marker); sleep 3600 & wait"]
                volumeMounts: [{name: data, mountPath: /data}]
              volumes:
              - name: data
                persistentVolumeClaim:
                  claimName: {{claim}}
        """;

    private static string Claim(string name, string? className = null) => $$"""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: {{name}}
        spec:
          {{(className is null ? "" : $"storageClassName: {className}")}}
          accessModes: [ReadWriteOnce]
          resources:
            requests:
              storage: 1Gi
        """;

    private const string RetainClass = """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: keep}
        provisioner: gitorch.io/local-path
        reclaimPolicy: Retain
        volumeBindingMode: WaitForFirstConsumer
        """;

    [Fact]
    public async Task ClaimData_SurvivesThePodsDeletionAndRecreation_ThenGoesOrStaysByReclaimPolicy()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        await using var store = await NatsObjectStore.ConnectAsync(nats.Url);
        var client = new ObjectClient(store);
        _repo.Commit("apps",
            ("scratch.yaml", Claim("scratch") + "\n---\n" + Writer("scratch", "scratch")),
            ("kept.yaml", RetainClass + "\n---\n" + Claim("kept", "keep") + "\n---\n" + Writer("kept", "kept")));
        await using var server = GitorchProcess.Start(_home.FullName, ["server", "--repo", _repo.Path, "--interval", "00:00:00.5", "--listen", "off", "--store", nats.Url]);
        await using var agent = GitorchProcess.Start(_home.FullName, ["agent", "--node", _node, "--runtime", "docker", "--pod-network", "none", "--store", nats.Url]);
        try
        {
            var first = await ReadyPodsAsync(client, 2, "both writers ready");
            var scratch = await BoundVolumeAsync(client, "scratch");
            var kept = await BoundVolumeAsync(client, "kept");
            Assert.All(new[] { scratch, kept }, volume => Assert.Equal(_node, LocalPathVolumes.NodeOf(volume)));
            Assert.Equal((VolumePhases.Delete, VolumePhases.Retain), (scratch.Spec.PersistentVolumeReclaimPolicy, kept.Spec.PersistentVolumeReclaimPolicy));
            var scratchMarker = await MarkerAsync(scratch);
            var keptMarker = await MarkerAsync(kept);

            foreach (var pod in first) await client.DeleteAsync(pod);
            var second = await Eventually.WaitAsync(() => client.ListAsync<Pod>("default"),
                pods => pods.Count == 2 && pods.All(PodConditions.IsReady) && pods.All(pod => first.All(old => old.Metadata.Uid != pod.Metadata.Uid)),
                StepTimeout, "two new writers ready");
            Assert.All(second, pod => Assert.Equal(_node, pod.Spec.NodeName));
            Assert.Equal(scratchMarker, await MarkerAsync(scratch));
            Assert.Equal(keptMarker, await MarkerAsync(kept));

            _repo.Commit("claims gone", ("placeholder.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: placeholder}\n"), ("scratch.yaml", null), ("kept.yaml", null));
            await Eventually.WaitAsync(() => client.GetAsync<PersistentVolume>(null, scratch.Name), volume => volume is null, StepTimeout, "the Delete volume gone");
            Assert.False(Directory.Exists(scratch.Spec.HostPath!.Path), "the Delete volume's directory is removed");
            var released = await Eventually.WaitAsync(() => client.GetAsync<PersistentVolume>(null, kept.Name), volume => volume?.Status?.Phase == VolumePhases.Released,
                StepTimeout, "the Retain volume released");
            Assert.Equal(keptMarker, File.ReadAllText(Path.Combine(released!.Spec.HostPath!.Path, "marker")));
        }
        finally
        {
            log.WriteLine("server:\n" + server.Output);
            log.WriteLine("agent:\n" + agent.Output);
        }
    }

    private static async Task<IReadOnlyList<Pod>> ReadyPodsAsync(ObjectClient client, int count, string what) =>
        await Eventually.WaitAsync(() => client.ListAsync<Pod>("default"), pods => pods.Count == count && pods.All(PodConditions.IsReady), StepTimeout, what);

    private static async Task<PersistentVolume> BoundVolumeAsync(ObjectClient client, string claimName)
    {
        var claim = await Eventually.WaitAsync(() => client.GetAsync<PersistentVolumeClaim>("default", claimName), claim => claim?.Status?.Phase == VolumePhases.Bound,
            StepTimeout, $"claim {claimName} bound");
        return (await client.GetAsync<PersistentVolume>(null, claim!.Spec.VolumeName!))!;
    }

    /// <summary>The marker the pod wrote, read from the volume's directory on this machine (the agent's node).</summary>
    private static Task<string> MarkerAsync(PersistentVolume volume) =>
        Eventually.WaitAsync(() => Task.FromResult(File.Exists(Path.Combine(volume.Spec.HostPath!.Path, "marker")) ? File.ReadAllText(Path.Combine(volume.Spec.HostPath.Path, "marker")) : ""),
            marker => marker.Length > 0, StepTimeout, $"the marker in {volume.Name}");

    public void Dispose()
    {
        HostProbe.RemoveContainersAsync(_node).GetAwaiter().GetResult();
        _repo.Dispose();
        try
        {
            _home.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A container may still hold a file for a moment; the temp directory is cleaned up later.
        }
    }
}
