using System.Text;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.Store;
using GitOrch.TestSupport;
using GitOrch.Engine.Sync;

namespace GitOrch.IntegrationTests;

/// <summary>
/// Every bad manifest of the corpus, committed beside a good change to an applied repository and synced
/// onto the embedded store: the sync stops with that manifest's one line, and the store, its releases
/// included, is byte for byte what it was. The most hostile inputs go through the real CLI as well.
/// </summary>
public sealed class InvalidCommitTests : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    private string StorePath => Path.Combine(_home.FullName, "store.db");

    [Fact]
    public async Task EveryInvalidManifest_StopsTheSyncWithItsOneLine_AndLeavesTheStoreAsItWas()
    {
        _repo.Commit("good", ("good.yaml", ChartFixtures.ConfigMap("good", "red")));
        await using var store = await StoreLocator.OpenAsync(StorePath);
        var source = ManifestRepository.Open(_repo.Path);
        await new Applier(new ObjectClient(store)).ApplyAsync(ApplyTarget.ForSync(new DesiredStateLoader(source).Load(), null, source.Source), new ApplyOptions());
        var before = await SnapshotAsync(store);

        foreach (var (yaml, expected) in ManifestCorpus.Invalid)
        {
            _repo.Commit("a good change and a bad file", ("good.yaml", ChartFixtures.ConfigMap("good", "blue")), (ManifestCorpus.FileName, yaml));

            var error = Assert.Throws<ManifestException>(() => new DesiredStateLoader(source).Load());

            Assert.Equal(expected, error.Message);
            Assert.Equal(before, await SnapshotAsync(store));
        }
    }

    [Fact]
    public async Task ABadCommit_UnderAutoSync_IsExplainedByStatus_WithItsFileAndLine()
    {
        _repo.Commit("good", ("good.yaml", ChartFixtures.ConfigMap("good", "red")));
        await using var server = GitorchProcess.Start(_home.FullName, "server", "--repo", _repo.Path, "--interval", "00:00:00.3", "--listen", "off", "--store", StorePath);
        Task<CommandResult> StatusAsync() => GitorchProcess.RunAsync(_home.FullName, "status", "--store", StorePath);
        await Eventually.WaitAsync(StatusAsync, status => status.Output.Contains("in sync with Git HEAD"), TimeSpan.FromSeconds(60), "the first sync");

        var bad = _repo.Commit("bad", ("web.yaml", ManifestBuilders.Deployment("  replicas: -1\n")));
        var status = await Eventually.WaitAsync(StatusAsync, result => result.Output.Contains("could not be applied"), TimeSpan.FromSeconds(60), "status to explain the bad commit");

        Assert.Contains($"Sync:     Git HEAD {bad[..8]} could not be applied", status.Output);
        Assert.Contains("  web.yaml:6:3: Deployment \"web\": spec.replicas: -1 must not be negative", status.Output);

        _repo.Commit("fixed", ("web.yaml", null));
        await Eventually.WaitAsync(StatusAsync, result => result.Output.Contains("in sync with Git HEAD") && !result.Output.Contains("could not be applied"),
            TimeSpan.FromSeconds(60), "the fix to clear the failure");
    }

    public static TheoryData<string, string, string> HostileCommits => new()
    {
        { "cm.yaml", ManifestBuilders.ConfigMap("  ../../../../../../../../../tmp/x: owned\n"), "error: cm.yaml:6:3: ConfigMap \"c\": data[\"../../../../../../../../../tmp/x\"]: key \"../../../../../../../../../tmp/x\" must be letters, digits, '-', '_' and '.', and not '.' or '..' or start with '..'" },
        { "kind.yaml", "apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata:\n  name: c\n", "error: kind.yaml:3:1: key \"kind\" appears twice in one mapping (first at line 2); each key may appear once" },
        { "svc.yaml", ManifestBuilders.Service("  clusterIP: 127.0.0.1\n"), "error: svc.yaml:6:3: Service \"web\": spec.clusterIP: \"127.0.0.1\" must be None or an address inside the service range 10.96.0.0/16" },
        { "event.yaml", "apiVersion: v1\nkind: Event\nmetadata:\n  name: e\ninvolvedObject: {kind: Pod, name: p}\nreason: Faked\n", "error: event.yaml:1:1: Event \"default/e\": Event objects are written by the cluster itself and cannot be declared in Git" },
        { "web.yaml", ManifestBuilders.Deployment("  replicas: -1\n"), "error: web.yaml:6:3: Deployment \"web\": spec.replicas: -1 must not be negative" },
    };

    [Theory]
    [MemberData(nameof(HostileCommits))]
    public async Task HostileCommit_ThroughTheCli_ExitsNonZeroWithOneLine_AndAppliesNothing(string file, string yaml, string expected)
    {
        _repo.Commit("good and hostile", ("good.yaml", ChartFixtures.ConfigMap("good", "red")), (file, yaml));

        var apply = await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", StorePath);
        var configMaps = await GitorchProcess.RunAsync(_home.FullName, "get", "cm", "-A", "-o", "name", "--store", StorePath);

        Assert.Equal(1, apply.ExitCode);
        Assert.Equal(expected, apply.Error.Trim());
        Assert.Equal("", configMaps.Output.Trim());
    }

    [Fact]
    public async Task FiveBadFilesInOneCommit_ThroughTheCli_PrintFiveLines_AndApplyNothing()
    {
        var hostile = HostileCommits.Select(row => (File: (string)row[0], Yaml: (string)row[1], Expected: (string)row[2])).ToList();
        _repo.Commit("good and five hostile files", [("good.yaml", ChartFixtures.ConfigMap("good", "red")), .. hostile.Select(row => (row.File, (string?)row.Yaml))]);

        var apply = await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", StorePath);
        var configMaps = await GitorchProcess.RunAsync(_home.FullName, "get", "cm", "-A", "-o", "name", "--store", StorePath);

        Assert.Equal(1, apply.ExitCode);
        Assert.Equal(hostile.OrderBy(row => row.File, StringComparer.Ordinal).Select(row => row.Expected), apply.Error.Trim().Split('\n'));
        Assert.Equal("", configMaps.Output.Trim());
    }

    [Fact]
    public async Task ACommitOverAQuotaOnObjectCounts_ThroughTheCli_IsRefusedWhole_AndAFittingOneApplies()
    {
        const string quota = "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: objects}\nspec:\n  hard: {count/configmaps: \"2\"}\n";
        var sha = _repo.Commit("three configmaps under a quota of two", ("quota.yaml", quota),
            ("a.yaml", ChartFixtures.ConfigMap("a", "red")), ("b.yaml", ChartFixtures.ConfigMap("b", "red")), ("c.yaml", ChartFixtures.ConfigMap("c", "red")));

        var refused = await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", StorePath);
        var afterRefusal = await GitorchProcess.RunAsync(_home.FullName, "get", "cm,quota", "-A", "-o", "name", "--store", StorePath);
        _repo.Commit("two configmaps", ("c.yaml", null));
        var applied = await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", StorePath);
        var afterApply = await GitorchProcess.RunAsync(_home.FullName, "get", "cm", "-A", "-o", "name", "--store", StorePath);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: commit {sha[..8]}: namespace default: exceeded quota: objects, requested: count/configmaps=3, used: count/configmaps=0, limited: count/configmaps=2; nothing was applied",
            refused.Error.Trim());
        Assert.Equal("", afterRefusal.Output.Trim());
        Assert.Equal(0, applied.ExitCode);
        Assert.Equal(["configmap/a", "configmap/b"], afterApply.Output.Trim().Split('\n'));
    }

    [Fact]
    public async Task FileThatIsNotUtf8_ThroughTheCli_NamesTheByte_AndAppliesNothing()
    {
        _repo.Commit("good", ("good.yaml", ChartFixtures.ConfigMap("good", "red")));
        File.WriteAllBytes(Path.Combine(_repo.Path, "latin1.yaml"), [.. Encoding.ASCII.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf"), 0xE9, (byte)'\n']);
        _repo.Git("add", "-A");
        _repo.Git("commit", "-q", "-m", "latin-1");

        var apply = await GitorchProcess.RunAsync(_home.FullName, "apply", "--repo", _repo.Path, "--store", StorePath);
        var configMaps = await GitorchProcess.RunAsync(_home.FullName, "get", "cm", "-A", "-o", "name", "--store", StorePath);

        Assert.Equal(1, apply.ExitCode);
        Assert.Equal("error: latin1.yaml:4:12: byte 0xE9 is not valid UTF-8; manifests must be UTF-8 text", apply.Error.Trim());
        Assert.Equal("", configMaps.Output.Trim());
    }

    /// <summary>Every entry of every bucket, keys with revisions and values.</summary>
    private static async Task<string> SnapshotAsync(IObjectStore store)
    {
        var text = new StringBuilder();
        foreach (var bucket in new[] { Buckets.Objects, Buckets.Status, Buckets.Meta })
            foreach (var entry in (await store.ListAsync(bucket, "")).OrderBy(e => e.Key, StringComparer.Ordinal))
                text.Append(bucket).Append(' ').Append(entry.Key).Append(' ').Append(entry.Revision).Append(' ').AppendLine(Convert.ToBase64String(entry.Value));
        return text.ToString();
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
