using GitOrch.Api.Model;
using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests.Networking;

/// <summary>With --pod-network vxlan, pods on two namespaced nodes reach each other through the VXLAN device, not plain routes.</summary>
public sealed class VxlanNetworkingTests(VxlanCluster cluster) : IClassFixture<VxlanCluster>
{
    [Fact]
    public async Task PodsOnTwoNodes_ReachEachOtherAndTheService_ThroughTheVxlanDevice()
    {
        await cluster.WaitForRoutesAsync();
        await cluster.CommitAndSyncAsync("web", "web.yaml", MultiNodeNetworkingTests.Web);
        var pods = await Eventually.WaitAsync(() => cluster.ReadyPodsAsync("web"),
            ready => ready.Select(cluster.NodeOf).Distinct().Count() == 2, MultiNodeCluster.Patience, "a web replica on each node");
        var client = pods.First(pod => cluster.NodeOf(pod) == 1);
        var other = pods.First(pod => cluster.NodeOf(pod) == 2);
        var otherBlock = (await cluster.Client.GetAsync<Node>(null, cluster.NodeName(2)))!.Spec.PodCIDR!;

        Assert.Contains($"{otherBlock} via", await cluster.RoutesAsync(1));
        Assert.Contains($"dev {GitOrch.Agent.Network.VxlanRoutes.Device}", await cluster.RoutesAsync(1));
        Assert.Equal(other.Name, await cluster.HttpFromPodAsync(1, client, other.Status!.PodIP!, 8080));
        var answered = new HashSet<string>();
        await Eventually.WaitAsync(async () =>
        {
            answered.Add(await cluster.HttpFromPodAsync(1, client, "web", 80));
            return answered;
        }, seen => seen.Contains(other.Name) && seen.Contains(client.Name), MultiNodeCluster.Patience, "both replicas through the Service's name");
    }
}
