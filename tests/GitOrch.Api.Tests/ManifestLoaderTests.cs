using GitOrch.Api.Model;
using GitOrch.Api.Serialization;

namespace GitOrch.Api.Tests;

public class ManifestLoaderTests
{
    private const string RealDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: nginx-deployment
          labels:
            app: nginx
        spec:
          replicas: 3
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
          selector:
            matchLabels:
              app: nginx
          template:
            metadata:
              labels:
                app: nginx
            spec:
              containers:
              - name: nginx
                image: nginx:1.14.2
                imagePullPolicy: IfNotPresent
                ports:
                - containerPort: 80
                  protocol: TCP
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                  limits: {cpu: "1", memory: 1Gi}
                livenessProbe:
                  httpGet: {path: /healthz, port: 80}
                  initialDelaySeconds: 3
                env:
                - name: POD_IP
                  valueFrom:
                    fieldRef: {fieldPath: status.podIP}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: my-service
        spec:
          selector:
            app.kubernetes.io/name: MyApp
          ports:
            - protocol: TCP
              port: 80
              targetPort: 9376
        """;

    [Fact]
    public void Load_RealKubernetesManifests_ReadsEveryDocumentWithDefaults()
    {
        var loaded = ManifestLoader.Load("app.yaml", RealDeployment);

        Assert.Equal(2, loaded.Count);
        var deployment = Assert.IsType<Deployment>(loaded[0].Object);
        Assert.Equal("default", deployment.Namespace);
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("25%", deployment.Spec.Strategy!.RollingUpdate!.MaxSurge!.Value);
        Assert.Equal("100m", deployment.Spec.Template.Spec.Containers[0].Resources!.Requests!["cpu"]);
        Assert.Equal(3, deployment.Spec.Template.Spec.Containers[0].LivenessProbe!.InitialDelaySeconds);
        var service = Assert.IsType<Service>(loaded[1].Object);
        Assert.Equal(9376, service.Spec.Ports![0].TargetPort!.AsInt());
        Assert.Equal(38, loaded[1].Line);
    }

    [Fact]
    public void Load_AReplicationController_DefaultsItsSelectorToTheTemplateLabels_AndRefusesOneThatMissesThem()
    {
        const string controller = """
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: nginx}
            spec:
              replicas: 3
              template:
                metadata: {labels: {app: nginx}}
                spec:
                  containers: [{name: nginx, image: nginx}]
            """;

        var loaded = (ReplicationController)ManifestLoader.Load("rc.yaml", controller).Single().Object;
        var mismatch = Assert.Throws<ManifestException>(() =>
            ManifestLoader.Load("rc.yaml", controller.Replace("  replicas: 3", "  replicas: 3\n  selector: {app: other}")));

        Assert.Equal(new Dictionary<string, string> { ["app"] = "nginx" }, loaded.Spec.Selector);
        Assert.Equal(3, loaded.Spec.Replicas);
        Assert.Contains("spec.selector: does not match spec.template.metadata.labels", mismatch.Message);
    }

    [Fact]
    public void Load_UnknownField_NamesFileLineAndColumn()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
              - name: c
                image: busybox
                imagePolicy: Always
            """;

        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("pods/p.yaml", yaml));

        Assert.Equal("pods/p.yaml:9:5: unknown field \"imagePolicy\" in Container", error.Message);
    }

    [Theory]
    [InlineData("maxSurge: 2x", "spec.strategy.rollingUpdate.maxSurge: \"2x\" is not a count or a percentage such as 1 or 25%")]
    [InlineData("maxUnavailable: ' 5%'", "spec.strategy.rollingUpdate.maxUnavailable: \" 5%\" is not a count or a percentage such as 1 or 25%")]
    public void Load_BadRollingUpdateBound_IsRefusedAtLoadWithTheField(string bound, string expected)
    {
        var yaml = $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              strategy:
                rollingUpdate:
                  {{{bound}}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: busybox:1.36}]
            """;

        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("web.yaml", yaml));

        Assert.Equal($"web.yaml:8:7: Deployment \"web\": {expected}", error.Message);
    }

    [Fact]
    public void Load_AListOfObjects_LoadsEachItemWithItsOwnLine()
    {
        const string yaml = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: b}
            """;

        var loaded = ManifestLoader.Load("list.yaml", yaml);

        Assert.Equal(["a", "b"], loaded.Select(item => item.Object.Name));
        Assert.Equal([4L, 7L], loaded.Select(item => item.Line));
    }

    [Fact]
    public void Load_UnknownKind_PointsAtTheKind()
    {
        var error = Assert.Throws<ManifestException>(() =>
            ManifestLoader.Load("x.yaml", "apiVersion: v1\nkind: Widget\nmetadata: {name: w}\n"));

        Assert.StartsWith("x.yaml:2:7: unknown kind \"Widget\"", error.Message);
    }

    [Fact]
    public void Load_MalformedYaml_NamesTheLine()
    {
        var error = Assert.Throws<ManifestException>(() =>
            ManifestLoader.Load("bad.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n"));

        Assert.Equal("bad.yaml", error.Path);
        Assert.True(error.Line >= 4, error.Message);
    }

    [Fact]
    public void Load_WrongScalarType_NamesTheLine()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("d.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              replicas: three
            """));

        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Load_SelectorThatMissesTemplateLabels_IsRejected()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("d.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: b}}
                spec: {containers: [{name: c, image: busybox}]}
            """));

        Assert.Equal("d.yaml:5:3: Deployment \"d\": spec.selector: does not match spec.template.metadata.labels", error.Message);
    }

    [Fact]
    public void Load_EmptyDocuments_AreSkipped()
    {
        Assert.Empty(ManifestLoader.Load("empty.yaml", "---\n---\n"));
    }

    [Fact]
    public void JsonRoundTrip_KeepsEveryField()
    {
        var original = ManifestLoader.Load("app.yaml", RealDeployment)[0].Object;

        var copy = ObjectJson.FromBytes(ObjectJson.ToBytes(original));

        Assert.Equal(ObjectJson.ToNode(original).ToJsonString(), ObjectJson.ToNode(copy).ToJsonString());
    }

    [Fact]
    public void JsonText_PrintsATimestampsPlusSignAsItself()
    {
        var obj = ManifestLoader.Load("app.yaml", RealDeployment)[0].Object;
        var stamped = obj with { Metadata = obj.Metadata with { CreationTimestamp = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1)) } };

        var text = ObjectJson.ToText(ObjectJson.ToNode(stamped));

        Assert.Contains("\"2026-12-01T10:00:00+01:00\"", text);
        Assert.DoesNotContain("\\u002B", text);
    }

    [Fact]
    public void YamlOutput_LoadsBackAsTheSameObject()
    {
        var original = ManifestLoader.Load("app.yaml", RealDeployment)[1].Object;

        var reloaded = ManifestLoader.Load("out.yaml", ObjectYaml.ToText(ObjectJson.ToNode(original)))[0].Object;

        Assert.Equal(ObjectJson.ToNode(original).ToJsonString(), ObjectJson.ToNode(reloaded).ToJsonString());
    }
}
