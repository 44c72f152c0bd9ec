using GitOrch.Api.Model;
using GitOrch.Engine.Controllers;
using GitOrch.Store;

namespace GitOrch.Engine.Tests;

public class PodStatusRelayTests
{
    private readonly ControlPlaneHarness _harness = new();
    private readonly PodStatusRelay _relay;

    public PodStatusRelayTests() => _relay = new PodStatusRelay(_harness.Context);

    private Task<Pod> CreatePodAsync(string name, string node) => _harness.CreateAsync(new Pod
    {
        ApiVersion = "v1", Kind = "Pod", Metadata = ControlPlaneHarness.Meta(name),
        Spec = new PodSpec { NodeName = node, Containers = [new Container { Name = "main", Image = "busybox:1.36" }] },
    });

    private async Task ReportAsync(string node, Pod pod, string phase, string? uid = null)
    {
        var key = PodStatusReports.KeyFor(node, pod);
        var report = ObjectJsonBytes(new PodStatusReport(uid ?? pod.Metadata.Uid!, new PodStatus { Phase = phase }));
        var revision = await _harness.Store.PutAsync(Buckets.Meta, key, report);
        await _relay.RelayAsync(new WatchEvent(WatchEventType.Put, key, report, revision), CancellationToken.None);
    }

    private static byte[] ObjectJsonBytes(PodStatusReport report) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(report, Api.Serialization.ObjectJson.Options);

    private async Task<string?> PhaseAsync(string name) => (await _harness.Client.GetAsync<Pod>("default", name))!.Status?.Phase;

    [Fact]
    public async Task AReport_CountsOnlyFromTheNodeThePodIsBoundTo_AndOnlyForThatPod()
    {
        var onA = await CreatePodAsync("on-a", "node-a");
        var onB = await CreatePodAsync("on-b", "node-b");

        await ReportAsync("node-a", onA, "Running");
        await ReportAsync("node-a", onB, "Failed");
        await ReportAsync("node-a", onA, "Failed", uid: "an-earlier-pod-of-that-name");

        Assert.Equal("Running", await PhaseAsync("on-a"));
        Assert.Null(await PhaseAsync("on-b"));
        var refused = Assert.Single(await _harness.Client.ListAsync<Event>("default"));
        Assert.Equal(("StatusReportRefused", "on-b"), (refused.Reason, refused.InvolvedObject.Name));
        Assert.Equal("node node-a reported this pod's status, but the pod is bound to node-b", refused.Message);
    }

    [Fact]
    public async Task AWithdrawnReport_DropsTheStatusOfAPodThatIsGone_AndOnlyThen()
    {
        var kept = await CreatePodAsync("kept", "node-a");
        var gone = await CreatePodAsync("gone", "node-a");
        await ReportAsync("node-a", kept, "Running");
        await ReportAsync("node-a", gone, "Running");
        await _harness.Store.DeleteAsync(Buckets.Objects, ObjectKeys.For(gone));

        foreach (var pod in new[] { kept, gone })
            await _relay.RelayAsync(new WatchEvent(WatchEventType.Delete, PodStatusReports.KeyFor("node-a", pod), null, 0), CancellationToken.None);

        Assert.Equal("Running", await PhaseAsync("kept"));
        Assert.Null(await _harness.Store.GetAsync(Buckets.Status, ObjectKeys.For(gone)));
    }
}
