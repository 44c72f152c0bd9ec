using GitOrch.Agent.Proxy;

namespace GitOrch.Agent.Tests;

public sealed class BackendPoolTests
{
    private static Backend B(string pod, string version) => new(pod, version, "10.0.0.1", 80);

    [Fact]
    public void Weights_SplitEveryRunOfRequestsExactly_WhateverTheReplicaCounts()
    {
        var pool = new BackendPool([B("s0", "stable"), B("s1", "stable"), B("s2", "stable"), B("s3", "stable"), B("c0", "canary")], new Dictionary<string, int> { ["stable"] = 75, ["canary"] = 25 });
        var picks = Enumerable.Range(0, 400).Select(_ => pool.Pick()!).ToList();
        Assert.Equal(100, picks.Count(b => b.Version == "canary"));
        Assert.All(picks.Where(b => b.Version == "stable").GroupBy(b => b.Pod), g => Assert.Equal(75, g.Count()));
    }

    [Fact]
    public void ClientIPAffinity_KeepsEachClientOnItsFirstBackend_AndSourceRangesAdmitOnlyTheirClients()
    {
        var rules = new BackendPool.ClientRules([System.Net.IPNetwork.Parse("10.250.0.0/24")], StickyByClientIP: true);
        var pool = new BackendPool([B("a", "v1"), B("b", "v1"), B("c", "v1")], null, rules);
        var one = System.Net.IPAddress.Parse("10.250.0.11");
        var two = System.Net.IPAddress.Parse("10.250.0.12");
        var first = pool.Pick(one)!.Pod;
        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(first, pool.Pick(one)!.Pod));
        Assert.NotEqual(first, pool.Pick(two)!.Pod);
        Assert.True(pool.Admits(System.Net.IPAddress.Parse("::ffff:10.250.0.9")));
        Assert.False(pool.Admits(System.Net.IPAddress.Parse("192.0.2.2")));
        Assert.True(new BackendPool([B("a", "v1")], null).Admits(System.Net.IPAddress.Parse("192.0.2.2")));
    }

    [Fact]
    public void NoWeights_IsRoundRobin_AndAWeightOnAMissingVersionFallsBackToTheOthers()
    {
        var plain = new BackendPool([B("a", "v1"), B("b", "v1"), B("c", "v2")], null);
        var picks = Enumerable.Range(0, 6).Select(_ => plain.Pick()!.Pod).ToList();
        Assert.All(picks.GroupBy(p => p), g => Assert.Equal(2, g.Count()));
        Assert.Equal(3, picks.Take(3).Distinct().Count());
        var orphan = new BackendPool([B("a", "v1")], new Dictionary<string, int> { ["v2"] = 100 });
        Assert.Equal("a", orphan.Pick()!.Pod);
        Assert.Null(BackendPool.Empty.Pick());
    }

    [Fact]
    public void APoolIsTheSameAsAnotherOnlyWithTheSameBackendsAndWeights()
    {
        Dictionary<string, int> Split(int canary) => new() { ["stable"] = 100 - canary, ["canary"] = canary };
        var pool = new BackendPool([B("s0", "stable"), B("c0", "canary")], Split(25));

        Assert.True(pool.SameAs(new BackendPool([B("s0", "stable"), B("c0", "canary")], Split(25))));
        Assert.False(pool.SameAs(new BackendPool([B("s0", "stable"), B("c0", "canary")], Split(50))));
        Assert.False(pool.SameAs(new BackendPool([B("s0", "stable")], Split(25))));
        Assert.False(pool.SameAs(new BackendPool([B("s0", "stable"), B("c0", "canary")], null)));
    }
}
