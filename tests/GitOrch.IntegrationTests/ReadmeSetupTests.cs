using System.Diagnostics;
using System.Text.RegularExpressions;
using GitOrch.Cli;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// The README's two set-up commands, exactly as written: the first runs here, in a shell from the
/// repository's root, until the hello pods run; the second is what CI runs, through .ci/run.
/// </summary>
public sealed partial class ReadmeSetupTests(ITestOutputHelper log) : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("gitorch-readme-");
    private static readonly string Root = RepositoryRoot.Path;

    public void Dispose()
    {
        // up leaves the hello pods' Docker containers running for the next up to adopt; nothing will.
        RemoveContainersOf(DefaultNodeName.Current());
        _home.Delete(recursive: true);
    }

    [Fact]
    public void The_readme_has_exactly_two_set_up_commands_and_ci_runs_the_second()
    {
        var commands = SetUpCommands();

        Assert.Equal(2, commands.Count);
        var ciRun = File.ReadAllLines(Path.Combine(Root, ".ci", "run")).Last(line => line.Trim().Length > 0);
        Assert.Equal($"exec {commands[1]}", ciRun.Trim());
    }

    [Fact]
    public async Task The_first_set_up_command_runs_the_hello_example_and_stops_cleanly()
    {
        var command = SetUpCommands()[0];
        var start = new ProcessStartInfo("setsid", ["bash", "-c", command])
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["GITORCH_HOME"] = _home.FullName;
        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("GITORCH_STORE");
        using var shell = Process.Start(start)!;
        var output = shell.StandardOutput.ReadToEndAsync();
        var error = shell.StandardError.ReadToEndAsync();

        try
        {
            // dotnet run builds first, which takes a while on two cores.
            await Eventually.WaitAsync(() => PodListing.GetAsync(_home.FullName), pods => shell.HasExited || PodListing.AllRunning(pods, 2),
                TimeSpan.FromMinutes(6), "the two hello pods running");
            Assert.False(shell.HasExited, "the set-up command ended before the pods ran");
        }
        finally
        {
            // The whole group, as a terminal's Ctrl-C would; SIGTERM because a process started without a
            // terminal may have inherited SIGINT ignored, and gitorch handles both the same way.
            ProcessSignals.Terminate(-shell.Id);
            await shell.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            log.WriteLine(await output);
            log.WriteLine(await error);
        }

        Assert.Contains("GitOrch up", await output);
        Assert.Contains("gitorch up stopped", await output);
        Assert.Equal(0, shell.ExitCode);
    }

    private static List<string> SetUpCommands()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var section = readme[readme.IndexOf("## Set up", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return ShellBlock().Matches(section).Select(match => match.Groups[1].Value.Trim()).ToList();
    }

    private static void RemoveContainersOf(string node)
    {
        using var list = Process.Start(new ProcessStartInfo("docker", ["ps", "-aq", "--filter", $"label=gitorch.io/node={node}"]) { RedirectStandardOutput = true })!;
        var ids = list.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        list.WaitForExit();
        if (ids.Length > 0)
            Process.Start(new ProcessStartInfo("docker", ["rm", "-f", .. ids]) { RedirectStandardOutput = true })!.WaitForExit();
    }

    [GeneratedRegex("```sh\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
