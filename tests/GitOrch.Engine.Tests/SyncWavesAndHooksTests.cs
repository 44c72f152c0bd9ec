using GitOrch.Api.Model;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Desired;
using GitOrch.Engine.Git;
using GitOrch.Engine.Planning;
using GitOrch.Engine.Sync;
using GitOrch.TestSupport;

namespace GitOrch.Engine.Tests;

public sealed class SyncWavesAndHooksTests : IDisposable
{
    private readonly GitRepository _repo = new();

    public void Dispose() => _repo.Dispose();

    private static KubeObject ConfigMap(string name, Dictionary<string, string>? annotations = null) =>
        new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = name, Namespace = "default", Annotations = annotations } };

    private static Dictionary<string, string> Wave(string wave) => new() { [WellKnown.SyncWave] = wave };

    [Fact]
    public void Waves_are_written_lowest_first_with_every_delete_after_the_last()
    {
        Change Create(KubeObject obj) => new(ChangeAction.Create, obj, null);
        var late = ConfigMap("late", Wave("5"));
        var early = ConfigMap("early", Wave("-1"));
        var plain = ConfigMap("plain");
        var gone = ConfigMap("gone", Wave("-9"));

        var waves = SyncWaves.Split([Create(late), Create(plain), new Change(ChangeAction.Delete, gone, gone), Create(early)]);

        Assert.Equal([["early"], ["plain"], ["late"], ["gone"]], waves.Select(wave => wave.Select(change => change.Object.Name)));
    }

    [Theory]
    [InlineData(WellKnown.ArgoHook, "PreSync", HookPhase.PreSync)]
    [InlineData(WellKnown.ArgoHook, "PostSync", HookPhase.PostSync)]
    [InlineData(WellKnown.HelmHook, "pre-install,pre-upgrade", HookPhase.PreSync)]
    [InlineData(WellKnown.HelmHook, "post-upgrade", HookPhase.PostSync)]
    public void Hook_annotations_of_Argo_CD_and_Helm_name_a_phase(string annotation, string value, HookPhase phase) =>
        Assert.Equal(phase, SyncHooks.PhaseOf(ConfigMap("hook", new() { [annotation] = value })));

    [Fact]
    public void Helm_delete_policies_read_as_Argo_CDs_and_the_default_is_before_hook_creation()
    {
        Assert.Equal([SyncHooks.BeforeHookCreation], SyncHooks.DeletePoliciesOf(ConfigMap("hook")));
        Assert.Equal([SyncHooks.HookSucceeded, SyncHooks.HookFailed],
            SyncHooks.DeletePoliciesOf(ConfigMap("hook", new() { [WellKnown.HelmHookDeletePolicy] = "hook-succeeded, hook-failed" })));
    }

    [Fact]
    public void An_unknown_hook_phase_is_a_load_error_that_names_the_file_and_line()
    {
        _repo.Commit("hooks", ("hooks.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: ok}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: bad
              annotations: {argocd.argoproj.io/hook: BeforeEverything}
            """));
        var state = new DesiredStateLoader(ManifestRepository.Open(_repo.Path)).Load();

        var error = Assert.Throws<ManifestException>(() => ApplyTarget.ForSync(state, null, _repo.Path));

        Assert.StartsWith("hooks.yaml:5:1: configmap/default/bad:", error.Message);
        Assert.Contains("\"BeforeEverything\" is not a hook phase", error.Message);
    }

    [Fact]
    public void Hooks_are_kept_apart_from_the_objects_a_release_keeps()
    {
        _repo.Commit("hooks", ("app.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: kept}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: migrate
              annotations: {helm.sh/hook: pre-upgrade}
            """));
        var target = ApplyTarget.ForSync(new DesiredStateLoader(ManifestRepository.Open(_repo.Path)).Load(), null, _repo.Path);

        Assert.Equal(["configmaps.default.kept"], target.Objects.Keys);
        Assert.Equal("migrate", Assert.Single(target.Hooks).Name);
    }

    [Fact]
    public void Health_follows_each_kinds_status()
    {
        var deployment = new Deployment
        {
            ApiVersion = "apps/v1", Kind = "Deployment", Metadata = new ObjectMeta { Name = "web", Generation = 2 },
            Spec = new DeploymentSpec { Replicas = 2 },
            Status = new DeploymentStatus { ObservedGeneration = 2, UpdatedReplicas = 2, AvailableReplicas = 1 },
        };
        Assert.Equal(HealthStatus.Progressing, ObjectHealth.Of(deployment).Status);
        Assert.Equal(HealthStatus.Healthy, ObjectHealth.Of(deployment with { Status = deployment.Status with { AvailableReplicas = 2 } }).Status);
        Assert.Equal(HealthStatus.Progressing, ObjectHealth.Of(deployment with { Status = deployment.Status with { AvailableReplicas = 2, ObservedGeneration = 1 } }).Status);

        var job = new Job { ApiVersion = "batch/v1", Kind = "Job", Metadata = new ObjectMeta { Name = "migrate" } };
        Assert.Equal(HealthStatus.Progressing, ObjectHealth.Of(job).Status);
        Assert.Equal(HealthStatus.Degraded, ObjectHealth.Of(job with { Status = new JobStatus { Conditions = [new Condition { Type = "Failed", Status = "True", Message = "backoff limit" }] } }).Status);
        Assert.Equal(HealthStatus.Healthy, ObjectHealth.Of(job with { Status = new JobStatus { Conditions = [new Condition { Type = "Complete", Status = "True" }] } }).Status);
        Assert.Equal(HealthStatus.Healthy, ObjectHealth.Of(ConfigMap("settings")).Status);
    }
}
