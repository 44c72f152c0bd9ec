using System.Net.Http;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>diff's exit codes, apply's dry run and revision check, and the webhook, through the real executable.</summary>
public sealed class DiffAndSyncCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-home-");

    private Task<CommandResult> Gitorch(string storeUrl, params string[] arguments) =>
        GitorchProcess.RunAsync(_home.FullName, [.. arguments, "--store", storeUrl]);

    [Fact]
    public async Task Diff_ExitsZeroWhenInSync_OneWithChanges_TwoOnAnError()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        _repo.Commit("one", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        Assert.Equal(0, (await Gitorch(nats.Url, "apply", "--repo", _repo.Path)).ExitCode);

        var inSync = await Gitorch(nats.Url, "diff");
        _repo.Commit("reorder keys and add b", ("a.yaml", "kind: ConfigMap\ndata: {color: red}\nmetadata: {name: a}\napiVersion: v1\n"),
            ("b.yaml", ChartFixtures.ConfigMap("b", "red")));
        var changed = await Gitorch(nats.Url, "diff");
        var badRevision = await Gitorch(nats.Url, "diff", "no-such-branch");

        Assert.Equal((0, "0 to create, 0 to update, 0 to delete"), (inSync.ExitCode, inSync.Output.Trim()));
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("+++ git/configmap/default/b", changed.Output);
        Assert.DoesNotContain("configmap/default/a", changed.Output);
        Assert.EndsWith("1 to create, 0 to update, 0 to delete", changed.Output.Trim());
        Assert.Equal(2, badRevision.ExitCode);
        Assert.Equal("error: revision \"no-such-branch\" is not a commit", badRevision.Error.Trim());
    }

    [Fact]
    public async Task DiffAndDryRun_PreviewUncommittedEdits_AndStagedShowsOnlyTheIndex()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        var head = _repo.Commit("one", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        Assert.Equal(0, (await Gitorch(nats.Url, "apply", "--repo", _repo.Path)).ExitCode);
        File.WriteAllText(Path.Combine(_repo.Path, "a.yaml"), ChartFixtures.ConfigMap("a", "blue"));
        File.WriteAllText(Path.Combine(_repo.Path, "b.yaml"), ChartFixtures.ConfigMap("b", "red"));

        var working = await Gitorch(nats.Url, "diff");
        _repo.Git("add", "b.yaml");
        var staged = await Gitorch(nats.Url, "diff", "--staged");
        var dryRun = await Gitorch(nats.Url, "apply", "--dry-run");
        var committed = await Gitorch(nats.Url, "diff", "HEAD");
        var stagedWithRevision = await Gitorch(nats.Url, "diff", "--staged", "HEAD");

        Assert.Equal(1, working.ExitCode);
        Assert.Equal($"Comparing uncommitted changes on top of HEAD {head[..8]} with the store", working.Error.Trim());
        Assert.Contains("+++ git/configmap/default/a", working.Output);
        Assert.Contains("+++ git/configmap/default/b", working.Output);
        Assert.EndsWith("1 to create, 1 to update, 0 to delete", working.Output.Trim());
        Assert.Equal((1, "1 to create, 0 to update, 0 to delete"), (staged.ExitCode, staged.Output.Trim().Split('\n')[^1]));
        Assert.DoesNotContain("configmap/default/a", staged.Output);
        Assert.Contains("update configmap/default/a (dry run)", dryRun.Output);
        Assert.EndsWith($"uncommitted changes on top of HEAD {head[..8]}: 1 to create, 1 to update, 0 to delete (dry run); commit them to apply them", dryRun.Output.Trim());
        Assert.Equal((0, "0 to create, 0 to update, 0 to delete"), (committed.ExitCode, committed.Output.Trim()));
        Assert.Equal((2, "error: --staged compares the index with the store; give no revision with it"), (stagedWithRevision.ExitCode, stagedWithRevision.Error.Trim()));
        Assert.Equal("red", (await Gitorch(nats.Url, "get", "cm", "a", "-o", "jsonpath={.data.color}")).Output.Trim());
    }

    [Fact]
    public async Task ApplyCheckRevision_RefusesWhenTheStoreMovedSinceTheDryRun()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        _repo.Commit("one", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        Assert.Equal(0, (await Gitorch(nats.Url, "apply", "--repo", _repo.Path)).ExitCode);
        _repo.Commit("two", ("a.yaml", ChartFixtures.ConfigMap("a", "blue")));

        var dryRun = await Gitorch(nats.Url, "apply", "--dry-run");
        var revision = dryRun.Output.Trim().Split(' ')[^1];
        _repo.Commit("three", ("a.yaml", ChartFixtures.ConfigMap("a", "green")));
        Assert.Equal(0, (await Gitorch(nats.Url, "apply")).ExitCode);
        _repo.Commit("four", ("a.yaml", ChartFixtures.ConfigMap("a", "pink")));
        var stale = await Gitorch(nats.Url, "apply", "--check-revision", revision);

        Assert.Contains("update configmap/default/a (dry run)", dryRun.Output);
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains($"the store moved past revision {revision}", stale.Error);
    }

    [Fact]
    public async Task Webhook_PostToHooksGit_SyncsWithoutWaitingForThePoll()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        var port = NatsServerProcess.FreePort();
        _repo.Commit("one", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        await using var server = GitorchProcess.Start(_home.FullName,
            "server", "--repo", _repo.Path, "--interval", "01:00:00", "--listen", $"127.0.0.1:{port}", "--store", nats.Url);
        try
        {
            await Eventually.WaitAsync(() => Gitorch(nats.Url, "get", "cm", "a", "-o", "name"), get => get.ExitCode == 0, TimeSpan.FromSeconds(60), "the first sync");
            _repo.Commit("two", ("b.yaml", ChartFixtures.ConfigMap("b", "red")));

            using var http = new HttpClient();
            var response = await http.PostAsync($"http://127.0.0.1:{port}/hooks/git", new StringContent("{\"ref\":\"refs/heads/main\"}"));

            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            await Eventually.WaitAsync(() => Gitorch(nats.Url, "get", "cm", "b", "-o", "name"), get => get.ExitCode == 0, TimeSpan.FromSeconds(20), "the triggered sync");
        }
        finally
        {
            log.WriteLine(server.Output);
        }
    }

    [Fact]
    public async Task Webhook_WithASecret_RefusesAWrongOrMissingSignatureWith401AndNoSync_AndSyncsOnAGoodOne()
    {
        await using var nats = await NatsServerProcess.StartAsync();
        var port = NatsServerProcess.FreePort();
        var secretFile = Path.Combine(_home.FullName, "webhook-secret");
        await File.WriteAllTextAsync(secretFile, "hook-secret\n");
        _repo.Commit("one", ("a.yaml", ChartFixtures.ConfigMap("a", "red")));
        await using var server = GitorchProcess.Start(_home.FullName,
            "server", "--repo", _repo.Path, "--interval", "01:00:00", "--listen", $"127.0.0.1:{port}", "--webhook-secret-file", secretFile, "--store", nats.Url);
        try
        {
            await Eventually.WaitAsync(() => Gitorch(nats.Url, "get", "cm", "a", "-o", "name"), get => get.ExitCode == 0, TimeSpan.FromSeconds(60), "the first sync");
            _repo.Commit("two", ("b.yaml", ChartFixtures.ConfigMap("b", "red")));
            const string body = "{\"ref\":\"refs/heads/main\"}";
            using var http = new HttpClient();
            Task<HttpResponseMessage> PostAsync(string? header, string? value)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/hooks/git") { Content = new StringContent(body) };
                if (header is not null) request.Headers.Add(header, value);
                return http.SendAsync(request);
            }
            var good = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("hook-secret"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes(body)));

            var wrong = await PostAsync("X-Hub-Signature-256", "sha256=" + new string('0', 64));
            var missing = await PostAsync(null, null);
            var wrongToken = await PostAsync("X-Gitlab-Token", "guess");
            var stillUnsynced = await Gitorch(nats.Url, "get", "cm", "b", "-o", "name");
            var signed = await PostAsync("X-Hub-Signature-256", good);

            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrongToken.StatusCode);
            Assert.NotEqual(0, stillUnsynced.ExitCode);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, signed.StatusCode);
            await Eventually.WaitAsync(() => Gitorch(nats.Url, "get", "cm", "b", "-o", "name"), get => get.ExitCode == 0, TimeSpan.FromSeconds(20), "the signed hook's sync");
        }
        finally
        {
            log.WriteLine(server.Output);
        }
    }

    public void Dispose()
    {
        _repo.Dispose();
        _home.Delete(recursive: true);
    }
}
