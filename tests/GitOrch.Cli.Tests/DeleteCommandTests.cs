using GitOrch.Api.Model;
using GitOrch.Cli.Commands;

namespace GitOrch.Cli.Tests;

public sealed class DeleteCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    private const string GitManagedConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: default
          annotations:
            gitorch.io/managed-by: git
            gitorch.io/source-path: app/settings.yaml
        data: {mode: fast}
        """;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task An_object_not_from_git_is_deleted()
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1") + CliHarness.Pod("web-2"));

        var result = await _cli.RunAsync("delete", "pod", "web-1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("pod/web-1 deleted", result.Output.Trim());
        Assert.Equal(["web-2"], (await _cli.Client.ListAsync<Pod>("default")).Select(pod => pod.Name));
    }

    [Fact]
    public async Task A_git_managed_object_is_refused_with_where_it_is_declared_and_nothing_is_deleted()
    {
        await _cli.SeedAsync(GitManagedConfigMap + "\n---\n" + CliHarness.Pod("web-1"));

        var result = await _cli.RunAsync("delete", "cm", "settings");
        var alongside = await _cli.RunAsync("delete", "pods", "-l", "app=web");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("configmap/settings is managed from Git (app/settings.yaml)", line);
        Assert.Contains("--force", line);
        Assert.NotNull(await _cli.Client.GetAsync<ConfigMap>("default", "settings"));
        Assert.Equal(0, alongside.ExitCode);
    }

    [Fact]
    public async Task Force_deletes_a_git_managed_object_and_records_the_drift_as_an_event()
    {
        await _cli.SeedAsync(GitManagedConfigMap);

        var result = await _cli.RunAsync("delete", "configmap", "settings", "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(await _cli.Client.GetAsync<ConfigMap>("default", "settings"));
        var recorded = Assert.Single(await _cli.Client.ListAsync<Event>("default"));
        Assert.Equal(DeleteCommand.ForcedReason, recorded.Reason);
        Assert.Equal("settings", recorded.InvolvedObject.Name);
    }

    [Fact]
    public async Task Dry_run_says_what_would_go_and_writes_nothing()
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1") + GitManagedConfigMap);

        var pods = await _cli.RunAsync("delete", "pods", "-l", "app=web", "--dry-run");
        var forced = await _cli.RunAsync("delete", "cm", "settings", "--force", "--dry-run");

        Assert.Equal("pod/web-1 deleted (dry run)", pods.Output.Trim());
        Assert.Equal("configmap/settings deleted (dry run)", forced.Output.Trim());
        Assert.Single(await _cli.Client.ListAsync<Pod>("default"));
        Assert.NotNull(await _cli.Client.GetAsync<ConfigMap>("default", "settings"));
        Assert.Empty(await _cli.Client.ListAsync<Event>("default"));
    }

    [Fact]
    public async Task One_missing_name_deletes_none_of_the_others()
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1"));

        var result = await _cli.RunAsync("delete", "pods", "web-1", "ghost");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: pod \"ghost\" in namespace default not found", Assert.Single(result.ErrorLines));
        Assert.Single(await _cli.Client.ListAsync<Pod>("default"));
    }

    [Fact]
    public async Task Names_and_a_selector_together_or_neither_are_a_usage_error()
    {
        var neither = await _cli.RunAsync("delete", "pods");
        var both = await _cli.RunAsync("delete", "pods", "web-1", "-l", "app=web");

        Assert.Equal(2, neither.ExitCode);
        Assert.Equal(2, both.ExitCode);
        Assert.Single(neither.ErrorLines);
    }
}
