using GitOrch.Api.Model;
using GitOrch.Api.Policy;
using GitOrch.Engine.Controllers;
using GitOrch.Engine.Reconciling;
using static GitOrch.Engine.Tests.ControlPlaneHarness;

namespace GitOrch.Engine.Tests;

/// <summary>The controllers create no pod whose spec breaks its namespace's Pod Security level, and say why on the owner.</summary>
public sealed class PodAdmissionTests
{
    private readonly ControlPlaneHarness _harness = new();

    private Task<ReplicaSet> ReplicaSetAsync(Func<PodSpec, PodSpec> change) => _harness.CreateAsync(new ReplicaSet
    {
        ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = Meta("web"),
        Spec = new ReplicaSetSpec { Replicas = 2, Selector = Selector("web"), Template = Template("web") with { Spec = change(Template("web").Spec) } },
    });

    private Task LabelDefaultNamespaceAsync(string level) => _harness.CreateAsync(new Namespace
    {
        ApiVersion = "v1", Kind = "Namespace",
        Metadata = new ObjectMeta { Name = "default", Labels = new() { [PodSecurityStandards.EnforceLabel] = level } },
    });

    private static PodSpec WithHostPath(PodSpec spec) => spec with { Volumes = [new Volume { Name = "root", HostPath = new HostPathVolumeSource { Path = "/" } }] };

    private async Task<List<Event>> FailedCreateEventsAsync() =>
        [.. (await _harness.Client.ListAsync<Event>("default")).Where(e => e.Reason == "FailedCreate")];

    [Fact]
    public async Task AHostPathTemplate_InTheDefaultBaselineNamespace_CreatesNoPod_AndTheOwnerGetsFailedCreateNamingTheField()
    {
        await ReplicaSetAsync(WithHostPath);

        await Assert.ThrowsAsync<TerminalException>(() => _harness.ReconcileAsync(new ReplicaSetController(_harness.Context), "web"));

        Assert.Empty(await _harness.PodsAsync());
        var failed = Assert.Single(await FailedCreateEventsAsync());
        Assert.Equal("ReplicaSet", failed.InvolvedObject.Kind);
        Assert.Equal("pods for ReplicaSet web are forbidden: violates PodSecurity \"baseline\": spec.volumes[0].hostPath: / (host paths are not allowed)", failed.Message);
    }

    [Fact]
    public async Task APrivilegedNamespace_AllowsTheHostPath()
    {
        await LabelDefaultNamespaceAsync("privileged");
        await ReplicaSetAsync(WithHostPath);

        await _harness.ReconcileAsync(new ReplicaSetController(_harness.Context), "web");

        Assert.Equal(2, (await _harness.PodsAsync()).Count);
        Assert.Empty(await FailedCreateEventsAsync());
    }

    [Fact]
    public async Task ARestrictedNamespace_WantsNonRootNoEscalationAndEveryCapabilityDropped()
    {
        await LabelDefaultNamespaceAsync("restricted");
        await ReplicaSetAsync(spec => spec);

        await Assert.ThrowsAsync<TerminalException>(() => _harness.ReconcileAsync(new ReplicaSetController(_harness.Context), "web"));

        Assert.Empty(await _harness.PodsAsync());
        Assert.Contains("violates PodSecurity \"restricted\": spec.containers[0].securityContext.runAsNonRoot must be true", Assert.Single(await FailedCreateEventsAsync()).Message);
    }

    [Theory]
    [InlineData(PodSecurityLevel.Baseline, "SYS_ADMIN", "capabilities.add: SYS_ADMIN")]
    [InlineData(PodSecurityLevel.Baseline, "NET_RAW", null)]
    [InlineData(PodSecurityLevel.Restricted, "NET_RAW", "capabilities.add: NET_RAW")]
    public void Capabilities_BeyondTheLevelsSet_AreNamed(PodSecurityLevel level, string capability, string? expected)
    {
        var container = Template("web").Spec.Containers[0] with
        {
            SecurityContext = new SecurityContext
            {
                RunAsNonRoot = true, AllowPrivilegeEscalation = false,
                Capabilities = new System.Text.Json.Nodes.JsonObject { ["add"] = new System.Text.Json.Nodes.JsonArray(capability), ["drop"] = new System.Text.Json.Nodes.JsonArray("ALL") },
            },
        };

        var violation = PodSecurityStandards.FirstViolation(new PodSpec { Containers = [container] }, level);

        if (expected is null) Assert.Null(violation);
        else Assert.EndsWith(expected, violation);
    }
}
