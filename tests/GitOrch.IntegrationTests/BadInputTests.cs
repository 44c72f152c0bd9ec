using GitOrch.TestSupport;

namespace GitOrch.IntegrationTests;

public sealed class BadInputTests : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    private string[] Store => ["--store", Path.Combine(_home.FullName, "store.db")];

    [Fact]
    public async Task Apply_CommitWithOneMalformedManifest_AppliesNothingAndNamesFileLineColumn()
    {
        _repo.Commit("one good, one bad",
            ("a-good.yaml", Manifests.SleepDeployment("good", 1, 60)),
            ("b-bad.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: broken\nspec:\n  ports: [port: 80\n"));

        var apply = await GitorchProcess.RunAsync(_home.FullName, ["apply", "--repo", _repo.Path, .. Store]);
        var deployments = await GitorchProcess.RunAsync(_home.FullName, ["get", "deployments", "-o", "name", .. Store]);

        Assert.NotEqual(0, apply.ExitCode);
        Assert.Matches(@"^error: b-bad\.yaml:\d+:\d+: ", apply.Error);
        Assert.Single(apply.Error.Trim().Split('\n'));
        Assert.Equal("", deployments.Output.Trim());
    }

    [Fact]
    public async Task Apply_UnknownField_NamesItsPositionAndExitsNonZero()
    {
        _repo.Commit("typo", ("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selectr: {app: web}\n"));

        var apply = await GitorchProcess.RunAsync(_home.FullName, ["apply", "--repo", _repo.Path, .. Store]);

        Assert.Equal(1, apply.ExitCode);
        Assert.Equal("error: svc.yaml:6:3: unknown field \"selectr\" in ServiceSpec", apply.Error.Trim());
    }

    [Fact]
    public async Task Apply_ChartWithAnEndlessLoop_NamesTheTemplateAndWritesNothing()
    {
        _repo.Commit("endless chart",
        [
            .. ChartFixtures.Files("charts/web"),
            ("charts/web/templates/config.yaml", "{{ while true }}x{{ end }}"),
            ("release.yaml", ChartFixtures.Release("shop", "charts/web")),
            ("a.yaml", ChartFixtures.ConfigMap("a", "red")),
        ]);

        var apply = await GitorchProcess.RunAsync(_home.FullName, ["apply", "--repo", _repo.Path, .. Store]);
        var configMaps = await GitorchProcess.RunAsync(_home.FullName, ["get", "cm", "-A", "-o", "name", .. Store]);

        Assert.Equal(1, apply.ExitCode);
        Assert.Matches(@"^error: charts/web/templates/config\.yaml:1:\d+: chart web: Exceeding number of iteration limit", apply.Error);
        Assert.Equal("", configMaps.Output.Trim());
    }

    [Fact]
    public async Task Server_WithAMalformedOrBusyListenAddress_ExitsAtOnceWithAUsageError()
    {
        _repo.Commit("one", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var busyPort = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;

        var malformed = await GitorchProcess.RunAsync(_home.FullName, ["server", "--repo", _repo.Path, "--listen", "127.0.0.1:99999", .. Store]);
        var inUse = await GitorchProcess.RunAsync(_home.FullName, ["server", "--repo", _repo.Path, "--listen", $"127.0.0.1:{busyPort}", .. Store]);

        Assert.Equal(2, malformed.ExitCode);
        Assert.StartsWith("error: --listen \"127.0.0.1:99999\": expected host:port", malformed.Error);
        Assert.True(inUse.ExitCode == 2, $"exit {inUse.ExitCode}: {inUse.Error}{inUse.Output}");
        Assert.StartsWith($"error: --listen 127.0.0.1:{busyPort}: ", inUse.Error);
    }

    [Theory]
    [InlineData("10.96.0.0/12", "24", "overlaps the service CIDR 10.96.0.0/16")]
    [InlineData("10.244.0.0/16", "8", "does not fit the cluster CIDR")]
    [InlineData("10.244.0.1/33", "24", "is not a CIDR")]
    public async Task Server_WithBadPodNetworkFlags_ExitsWithAUsageErrorNamingTheFlag(string clusterCidr, string maskSize, string why)
    {
        var server = await GitorchProcess.RunAsync(_home.FullName, ["server", "--repo", _repo.Path, "--cluster-cidr", clusterCidr, "--node-cidr-mask-size", maskSize, .. Store]);

        Assert.Equal(2, server.ExitCode);
        var line = Assert.Single(server.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("--cluster-cidr", line);
        Assert.Contains(why, line);
    }

    [Fact]
    public async Task Get_WithAnUnreachableNatsStore_ExitsWithTheUnreachableCode()
    {
        var get = await GitorchProcess.RunAsync(_home.FullName, "get", "pods", "--store", $"nats://127.0.0.1:{NatsServerProcess.FreePort()}");

        Assert.Equal(3, get.ExitCode);
        Assert.StartsWith("error: cannot reach the NATS store", get.Error);
    }

    [Fact]
    public async Task Get_WithABadFlagValue_IsAUsageError()
    {
        var get = await GitorchProcess.RunAsync(_home.FullName, ["get", "pods", "-o", "xml", .. Store]);

        Assert.Equal(2, get.ExitCode);
        Assert.Contains("xml", get.Error);
    }

    [Fact]
    public async Task CanaryAndRolloutVerbs_WithBadInput_SayWhatIsWrongInOneLine_AndCommitNothing()
    {
        _repo.Commit("web", ("web.yaml", Manifests.RollingDeployment("web", 1, 60)));
        Assert.Equal(0, (await GitorchProcess.RunAsync(_home.FullName, ["apply", "--repo", _repo.Path, .. Store])).ExitCode);
        var head = _repo.Git("rev-parse", "HEAD");

        var badTimeout = await GitorchProcess.RunAsync(_home.FullName, ["canary", "start", "deployment/web", "--image", "app:v2", "--wait", "--timeout", "soon", .. Store]);
        var missing = await GitorchProcess.RunAsync(_home.FullName, ["canary", "start", "deployment/nope", "--image", "app:v2", .. Store]);
        var noContainer = await GitorchProcess.RunAsync(_home.FullName, ["canary", "start", "deployment/web", "--image", "app:v2", "-c", "sidecar", .. Store]);
        var revertWithoutWait = await GitorchProcess.RunAsync(_home.FullName, ["canary", "start", "deployment/web", "--image", "app:v2", "--revert-on-abort", .. Store]);
        var promoteRolling = await GitorchProcess.RunAsync(_home.FullName, ["rollout", "promote", "deployment/web", .. Store]);

        Assert.Equal((2, 1, 2, 2, 2), (badTimeout.ExitCode, missing.ExitCode, noContainer.ExitCode, revertWithoutWait.ExitCode, promoteRolling.ExitCode));
        Assert.Contains("--timeout \"soon\" is not a duration", badTimeout.Error);
        Assert.Contains("deployment \"nope\"", missing.Error);
        Assert.Contains("--container \"sidecar\"", noContainer.Error);
        Assert.Contains("--revert-on-abort needs --wait", revertWithoutWait.Error);
        Assert.Contains("needs Canary or BlueGreen", promoteRolling.Error);
        Assert.All(new[] { badTimeout, missing, noContainer, revertWithoutWait, promoteRolling }, result =>
        {
            Assert.StartsWith("error: ", result.Error);
            Assert.DoesNotContain("   at ", result.Error);
        });
        Assert.Equal(head, _repo.Git("rev-parse", "HEAD"));
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
