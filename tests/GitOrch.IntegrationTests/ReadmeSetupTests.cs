using System.Diagnostics;
using System.Text.RegularExpressions;
using GitOrch.Cli;
using GitOrch.TestSupport;
using Xunit.Abstractions;

namespace GitOrch.IntegrationTests;

/// <summary>
/// The README's two set-up commands and its tour, exactly as written, as a new user runs them: the
/// first command runs here, in a shell from the repository's root, until the hello pods run, and then
/// the tour runs in a second shell beside it; the second command is what CI runs, through .ci/run.
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
    public async Task The_first_set_up_command_runs_the_hello_example_the_tour_works_beside_it_and_up_stops_cleanly()
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
            // The command publishes first, which takes a while on two cores.
            await Eventually.WaitAsync(() => PodListing.GetAsync(_home.FullName), pods => shell.HasExited || PodListing.AllRunning(pods, 2),
                TimeSpan.FromMinutes(8), "the two hello pods running");
            Assert.False(shell.HasExited, "the set-up command ended before the pods ran");

            var tour = await RunInShellAsync($"set -e\n{Tour()}");
            Assert.True(tour.ExitCode == 0, $"the tour failed (exit {tour.ExitCode}): {tour.Error}");
            Assert.Equal(2, Regex.Matches(tour.Output, @"^hello-\S+\s+1/1\s+Running", RegexOptions.Multiline).Count);
            Assert.Contains("kind: Deployment", tour.Output);
            await LogClientLatencyAsync();
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

    private static List<string> SetUpCommands() =>
        ShellBlock().Matches(ReadmeSection("## Set up")).Select(match => match.Groups[1].Value.Trim()).ToList();

    private static string Tour() => CodeBlock().Match(ReadmeSection("## One-minute tour")).Groups[1].Value;

    private static string ReadmeSection(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var section = readme[readme.IndexOf(heading, StringComparison.Ordinal)..];
        return section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
    }

    private async Task<ProcessOutput> RunInShellAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["GITORCH_HOME"] = _home.FullName;
        start.Environment.Remove("GITORCH_STORE");
        using var shell = Process.Start(start)!;
        var output = shell.StandardOutput.ReadToEndAsync();
        var error = shell.StandardError.ReadToEndAsync();
        await shell.WaitForExitAsync();
        log.WriteLine(await output);
        return new ProcessOutput(shell.ExitCode, await output, await error);
    }

    /// <summary>The client's start-up as the tour's user meets it, logged as a figure for docs/benchmarks.md and never asserted.</summary>
    private async Task LogClientLatencyAsync()
    {
        var times = new List<double>();
        for (var run = 0; run < 20; run++)
        {
            var clock = Stopwatch.StartNew();
            var get = await RunInShellAsync("artifacts/bin/gitorch get deployments -o name");
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.True(get.ExitCode == 0, get.Error);
        }
        times.Sort();
        log.WriteLine($"published gitorch get, through bash, 20 runs: p50 {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms");
    }

    private sealed record ProcessOutput(int ExitCode, string Output, string Error);

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

    [GeneratedRegex("```\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
