using GitOrch.Api.Model;
using GitOrch.Store;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>PreSync hooks and sync waves, with a real server's controllers and a docker agent running the Jobs and pods.</summary>
public sealed class SyncWavesAndHooksTests(ITestOutputHelper log) : IDisposable
{
    private readonly GitRepository _repo = new();

    private static string MigrateJob(string shell) => $$"""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
          annotations: {argocd.argoproj.io/hook: PreSync}
        spec:
          backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: migrate
                image: busybox:1.36
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "{{shell}}"]
        """;

    private static string ConfigMap(string name, int wave) => $$"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{name}}
          annotations: {argocd.argoproj.io/sync-wave: "{{wave}}"}
        data: {ready: "yes"}
        """;

    [Fact]
    public async Task AFailingPreSyncHook_AppliesNothing_APassingOne_RunsFirst_AndWave1WaitsForWave0ToBeHealthy()
    {
        await using var harness = await AgentHarness.StartAsync("docker", log);
        var first = _repo.Commit("start", ("README.md", "manifests\n"));
        await using var server = GitorchProcess.Start(harness.Home, ["server", "--repo", _repo.Path, "--interval", "01:00:00", "--listen", "off", "--store", harness.StoreUrl]);
        try
        {
            await Eventually.WaitAsync(() => harness.CliAsync("history"), history => history.Output.Contains(first[..7]), AgentHarness.Timeout, "the server's first sync");

            _repo.Commit("failing migration", ("migrate.yaml", MigrateJob("exit 3")), ("config.yaml", ConfigMap("app-config", 0)));
            var failed = await harness.ApplyAsync(_repo.Path);
            Assert.True(failed.ExitCode == 1, failed.Output);
            Assert.Contains("PreSync hook job/default/migrate", failed.Output);
            Assert.Null(await harness.Client.GetAsync<ConfigMap>("default", "app-config"));
            var history = (await harness.CliAsync("history")).Output;
            Assert.Matches(@"failed\s+\w{7,}.*sync failed\s+PreSync hook job/default/migrate", history);
            Assert.DoesNotContain("failing migration", history);

            _repo.Commit("passing migration, then the database, then its config",
                ("migrate.yaml", MigrateJob("exit 0")),
                ("db.yaml", Manifests.SleepDeployment("db", 1, 4242)),
                ("config.yaml", ConfigMap("app-config", 1)));
            var passed = await harness.ApplyAsync(_repo.Path);
            Assert.True(passed.ExitCode == 0, passed.Output);

            var job = (await harness.Client.GetAsync<Job>("default", "migrate"))!;
            Assert.Equal("PreSync", job.Annotation(WellKnown.Hook));
            Assert.Null(job.Annotation(WellKnown.ManagedBy));
            var events = await harness.Client.ListAsync<Event>("default");
            var hookSucceeded = Assert.Single(events, e => e.Reason == "HookSucceeded" && e.InvolvedObject.Name == "migrate");
            var dbHealthy = Assert.Single(events, e => e.Reason == "SyncWaveHealthy" && e.InvolvedObject.Name == "db");
            var db = (await harness.Client.GetAsync<Deployment>("default", "db"))!;
            var config = (await harness.Client.GetAsync<ConfigMap>("default", "app-config"))!;
            Assert.True(Revision(hookSucceeded) < Revision(db), "the Deployment was written before the PreSync hook succeeded");
            Assert.True(Revision(dbHealthy) < Revision(config), "wave 1 was written before wave 0 was healthy");
            var diff = await harness.CliAsync("diff", "--repo", _repo.Path);
            Assert.True(diff.ExitCode == 0, diff.Output + diff.Error);
        }
        finally
        {
            log.WriteLine(server.Output);
        }
    }

    private static long Revision(KubeObject obj) => ObjectClient.ParseRevision(obj);

    public void Dispose() => _repo.Dispose();
}
