using GitOrch.TestSupport;
using System.Diagnostics;

namespace GitOrch.Cli.Tests;

public sealed class CompletionTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    public async Task The_script_passes_the_shells_own_syntax_check(string shell)
    {
        if (shell == "zsh" && !OnPath("zsh")) return; // zsh is not installed on every machine; bash always is here.
        var script = await _cli.RunAsync("completion", shell);
        var file = Path.Combine(_cli.Home, $"gitorch.{shell}");
        await File.WriteAllTextAsync(file, script.Output);

        using var check = Process.Start(new ProcessStartInfo(shell, ["-n", file]) { RedirectStandardError = true })!;
        var problems = await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();

        Assert.Equal(0, script.ExitCode);
        Assert.Contains("[suggest:", script.Output);
        Assert.True(check.ExitCode == 0, problems);
    }

    [Theory]
    [InlineData("fish", "complete -c gitorch")]
    [InlineData("pwsh", "Register-ArgumentCompleter")]
    public async Task Fish_and_powershell_scripts_register_a_completer(string shell, string registration)
    {
        var script = await _cli.RunAsync("completion", shell);

        Assert.Equal(0, script.ExitCode);
        Assert.Contains(registration, script.Output);
    }

    [Theory]
    [InlineData("gitorch ge", "get")]
    [InlineData("gitorch get dep", "deployments")]
    [InlineData("gitorch config use", "use-context")]
    [InlineData("gitorch get pods --names", "--namespace")]
    public async Task What_the_scripts_ask_gitorch_completes_verbs_kinds_and_flags(string line, string expected)
    {
        var result = await _cli.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.OutputLines);
    }

    [Theory]
    [InlineData("gitorch get pods ", "web-1")]
    [InlineData("gitorch describe pod -n shop ", "cart-1")]
    [InlineData("gitorch logs ", "web-1")]
    [InlineData("gitorch get pods -n ", "shop")]
    [InlineData("gitorch cordon ", "node-a")]
    public async Task Names_namespaces_and_nodes_complete_from_the_store(string line, string expected)
    {
        await _cli.SeedAsync(CliHarness.Pod("web-1") + CliHarness.Pod("cart-1", ns: "shop") + "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n");

        var result = await _cli.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.OutputLines);
        Assert.DoesNotContain(expected == "web-1" ? "cart-1" : "web-1", result.OutputLines);
    }

    [Fact]
    public async Task Rollback_completes_the_release_numbers()
    {
        using var repo = new GitRepository();
        repo.Commit("first", ("app.yaml", ConfigMap("settings-1")));
        await ApplyAsync(repo);
        repo.Commit("second", ("app.yaml", ConfigMap("settings-2")));
        await ApplyAsync(repo);

        var line = "gitorch rollback ";
        var result = await _cli.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["1", "2"], result.OutputLines.Where(item => char.IsLetterOrDigit(item[0])));
    }

    [Theory]
    [InlineData("gitorch get pods --context ")]
    [InlineData("gitorch config use-context ")]
    [InlineData("gitorch config delete-context ")]
    public async Task Context_names_complete_from_the_config_file(string line)
    {
        await _cli.RunAsync("config", "set-context", "prod", "--store", "nats://store:4222");
        await _cli.RunAsync("config", "set-context", "dev", "--store", "/tmp/dev.db");

        var result = await _cli.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["dev", "prod"], result.OutputLines.Where(item => char.IsLetterOrDigit(item[0])).Order());
    }

    private static string ConfigMap(string name) => $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\ndata: {{a: b}}\n";

    private async Task ApplyAsync(GitRepository repo)
    {
        var applied = await _cli.RunAsync("apply", "--repo", repo.Path);
        Assert.True(applied.ExitCode == 0, applied.Error);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, program)));
}
