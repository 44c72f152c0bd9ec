using GitOrch.Api.Model;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Sync;
using static GitOrch.Engine.Tests.ControlPlaneHarness;

namespace GitOrch.Engine.Tests;

/// <summary>A sync's plan is refused before it writes when its creates would take a namespace over a quota on object counts or storage.</summary>
public sealed class QuotaPlanCheckTests
{
    private readonly ControlPlaneHarness _harness = new();
    private readonly QuotaPlanCheck _check;

    public QuotaPlanCheckTests() => _check = new QuotaPlanCheck(_harness.Client);

    private static ConfigMap Map(string name) => new() { ApiVersion = "v1", Kind = "ConfigMap", Metadata = Meta(name) };

    private static ResourceQuota Quota(Dictionary<string, string> hard) =>
        new() { ApiVersion = "v1", Kind = "ResourceQuota", Metadata = Meta("objects"), Spec = new ResourceQuotaSpec { Hard = hard } };

    private static PersistentVolumeClaim Claim(string name, string storage) => new()
    {
        ApiVersion = "v1", Kind = "PersistentVolumeClaim", Metadata = Meta(name),
        Spec = new PersistentVolumeClaimSpec { Resources = new VolumeResourceRequirements { Requests = new() { ["storage"] = storage } } },
    };

    private static Change Create(KubeObject obj) => new(ChangeAction.Create, obj, null);

    [Fact]
    public async Task CreatesOverALiveQuota_AreRefusedInKubernetesWords_WhileAReplacementFits()
    {
        await _harness.CreateAsync(Quota(new() { ["count/configmaps"] = "2" }));
        var first = await _harness.CreateAsync(Map("a"));
        await _harness.CreateAsync(Map("b"));

        var over = await _check.WhyRefusedAsync([Create(Map("c"))], CancellationToken.None);
        var replacing = await _check.WhyRefusedAsync([Create(Map("c")), new Change(ChangeAction.Delete, first, first)], CancellationToken.None);

        Assert.Equal("namespace default: exceeded quota: objects, requested: count/configmaps=1, used: count/configmaps=2, limited: count/configmaps=2", over);
        Assert.Null(replacing);
    }

    [Fact]
    public async Task AQuotaTheSamePlanDeclares_Counts_AndSoDoesStorage()
    {
        var quota = Quota(new() { ["persistentvolumeclaims"] = "5", ["requests.storage"] = "10Gi", ["services"] = "1" });

        var refusal = await _check.WhyRefusedAsync([Create(quota), Create(Claim("data", "8Gi")), Create(Claim("logs", "4Gi"))], CancellationToken.None);
        var fits = await _check.WhyRefusedAsync([Create(quota), Create(Claim("data", "8Gi"))], CancellationToken.None);

        Assert.Equal("namespace default: exceeded quota: objects, requested: requests.storage=12Gi, used: requests.storage=0, limited: requests.storage=10Gi", refusal);
        Assert.Null(fits);
    }
}
