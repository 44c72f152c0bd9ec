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

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, program)));
}
