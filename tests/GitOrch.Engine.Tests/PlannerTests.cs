using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Planning;
using GitOrch.Store;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

public class PlannerTests
{
    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{port: 80}]
        """;

    private static Dictionary<string, KubeObject> Load(string yaml) =>
        ManifestLoader.Load("web.yaml", yaml).Select(loaded => Declaration.Of(loaded).Object).ToDictionary(ObjectKeys.For);

    private static Dictionary<string, KubeObject> Objects(params KubeObject[] objects) => objects.ToDictionary(ObjectKeys.For);

    private static IReadOnlyList<Change> Plan(string commit, Dictionary<string, KubeObject> desired, Dictionary<string, KubeObject> live) =>
        Planner.Plan(commit, desired, live);

    /// <summary>What the store would hold after applying: annotated, with server-set fields.</summary>
    private static KubeObject Live(string commit, string yaml)
    {
        var created = Plan(commit, Load(yaml), []).Single().Object;
        return created with
        {
            Metadata = created.Metadata with { Uid = "u1", ResourceVersion = "7", Generation = 1, CreationTimestamp = DateTimeOffset.UnixEpoch },
        };
    }

    [Fact]
    public void Plan_NewObject_IsCreatedWithSourceAnnotations()
    {
        var change = Assert.Single(Plan("c1", Load(Service), []));

        Assert.Equal(ChangeAction.Create, change.Action);
        Assert.Equal("c1", change.Object.Annotation(WellKnown.SourceCommit));
        Assert.Equal("web.yaml", change.Object.Annotation(WellKnown.SourcePath));
        Assert.Equal("git", change.Object.Annotation(WellKnown.ManagedBy));
    }

    [Fact]
    public void Plan_CommitThatChangesNothingMeaningful_PlansNothing()
    {
        var reordered = """
            kind: Service
            apiVersion: v1
            metadata: {name: web, namespace: default}
            spec:
              ports: [{port: 80}]
              selector: {app: web}
            """;

        Assert.Empty(Plan("c2", Load(reordered), Objects(Live("c1", Service))));
    }

    [Fact]
    public void Plan_ClaimTheClusterBound_IsNotDrift_AndAnUpdateKeepsItBound()
    {
        const string claim = """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data, namespace: default}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
            """;
        var live = (PersistentVolumeClaim)Live("c1", claim);
        var bound = live with { Spec = live.Spec with { VolumeName = "pvc-u1" }, Metadata = live.Metadata.WithAnnotation(WellKnown.SelectedNode, "node-1") };

        Assert.Empty(Plan("c2", Load(claim), Objects(bound)));
        var resized = Assert.Single(Plan("c3", Load(claim.Replace("1Gi", "2Gi")), Objects(bound)));
        Assert.Equal(ChangeAction.Update, resized.Action);
        var carried = (PersistentVolumeClaim)ClusterAssignedFields.Carry(resized.Object, bound);
        Assert.Equal(("pvc-u1", "2Gi"), (carried.Spec.VolumeName, carried.Spec.Resources!.Requests!["storage"]));
    }

    [Fact]
    public void Plan_ThePodsNodeTheSchedulerChose_IsNotDrift_AndAnUpdateKeepsItThere()
    {
        var pod = ManifestBuilders.Pod(metadata: "  namespace: default\n");
        var live = (Pod)Live("c1", pod);
        var scheduled = live with { Spec = live.Spec with { NodeName = "node-1" } };

        Assert.Empty(Plan("c2", Load(pod), Objects(scheduled)));
        var relabelled = Assert.Single(Plan("c3", Load(pod.Replace("name: p", "name: p\n  labels: {tier: web}")), Objects(scheduled)));
        Assert.Equal("node-1", ((Pod)ClusterAssignedFields.Carry(relabelled.Object, scheduled)).Spec.NodeName);
    }

    [Fact]
    public void Plan_ReplicasOfAWorkloadAnAutoscalerOwns_AreNotDrift_AndAnUpdateKeepsThem()
    {
        const string deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: busybox:1.36}]}
            """;
        var live = (Deployment)Live("c1", deployment);
        var scaled = live with { Spec = live.Spec with { Replicas = 7 }, Metadata = live.Metadata.WithAnnotation(WellKnown.ReplicasOwner, "HorizontalPodAutoscaler/web") };

        Assert.Empty(Plan("c2", Load(deployment), Objects(scaled)));
        var retagged = Assert.Single(Plan("c3", Load(deployment.Replace("busybox:1.36", "busybox:1.37")), Objects(scaled)));
        Assert.Equal(7, ((Deployment)ClusterAssignedFields.Carry(retagged.Object, scaled)).Spec.Replicas);
        Assert.Single(Plan("c4", Load(deployment.Replace("replicas: 2", "replicas: 3")), Objects(live)));
    }

    [Fact]
    public void Plan_ChangedSpec_IsAnUpdate()
    {
        var change = Assert.Single(Plan("c2", Load(Service.Replace("port: 80", "port: 81")), Objects(Live("c1", Service))));

        Assert.Equal(ChangeAction.Update, change.Action);
        Assert.Equal("c2", change.Object.Annotation(WellKnown.SourceCommit));
    }

    [Fact]
    public void Plan_ObjectRemovedFromGit_IsPruned_ButObjectsGitDoesNotManageAreLeftAlone()
    {
        var unmanaged = new Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new ObjectMeta { Name = "handmade", Namespace = "default", ResourceVersion = "3" },
        };

        var change = Assert.Single(Plan("c2", [], Objects(Live("c1", Service), unmanaged)));

        Assert.Equal((ChangeAction.Delete, "web"), (change.Action, change.Object.Name));
    }

    [Fact]
    public void Plan_OrdersNamespacesBeforeWorkloads_AndDeletesInReverse()
    {
        var yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app, namespace: shop}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec: {containers: [{name: c, image: busybox}]}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            """;

        var creates = Plan("c1", Load(yaml), []);
        var deletes = Plan("c2", [], Objects(creates.Select(change => change.Object with
        {
            Metadata = change.Object.Metadata with { ResourceVersion = "1" },
        }).ToArray()));

        Assert.Equal(["Namespace", "Deployment"], creates.Select(change => change.Object.Kind));
        Assert.Equal(["Deployment", "Namespace"], deletes.Select(change => change.Object.Kind));
    }
}
