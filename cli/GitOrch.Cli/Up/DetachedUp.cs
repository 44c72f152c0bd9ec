using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using GitOrch.Cli.Output;

namespace GitOrch.Cli.Up;

/// <summary>
/// <c>up --detach</c>: starts the same <c>up</c> in its own session with its output in <c>up.log</c>,
/// and returns once it has claimed <c>up.pid</c> (it is running) or has exited (it failed).
/// </summary>
public static class DetachedUp
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> StartAsync(ParseResult parse, Option<bool> detach, TextWriter output, CancellationToken cancellationToken)
    {
        if (UpPidFile.RunningPid() is { } running)
            throw new InvalidOperationException($"gitorch up is already running here (pid {running}); 'gitorch down' stops it");
        Directory.CreateDirectory(Path.GetDirectoryName(UpPidFile.LogPath)!);
        File.WriteAllText(UpPidFile.LogPath, "");

        using var child = Process.Start(StartInfo(parse, detach))!;
        var started = await WaitDisplay.RunAsync(output, parse.InvocationConfiguration.Error, "starting gitorch up in the background", async () =>
        {
            var clock = Stopwatch.StartNew();
            while (!child.HasExited && UpPidFile.RunningPid() is null && clock.Elapsed < StartTimeout)
                await Task.Delay(100, cancellationToken);
            return !child.HasExited && UpPidFile.RunningPid() is not null;
        });
        if (!started)
        {
            var lastLine = File.ReadLines(UpPidFile.LogPath).LastOrDefault(line => line.Length > 0) ?? "no output";
            throw new InvalidOperationException($"gitorch up did not start ({lastLine.Replace("error: ", "")}); see {UpPidFile.LogPath}");
        }
        await output.WriteLineAsync($"gitorch up is running in the background (pid {child.Id}); logs in {UpPidFile.LogPath}; 'gitorch down' stops it");
        return ExitCodes.Success;
    }

    /// <summary>The same executable and arguments without --detach, in a new session so closing the terminal does not stop it.</summary>
    private static ProcessStartInfo StartInfo(ParseResult parse, Option<bool> detach)
    {
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", "exec \"$@\" >>\"$GITORCH_UP_LOG\" 2>&1 </dev/null", "sh" })
            start.ArgumentList.Add(argument);
        var executable = Environment.ProcessPath!;
        start.ArgumentList.Add(executable);
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        var detachNames = detach.Aliases.Append(detach.Name).ToHashSet();
        foreach (var token in parse.Tokens.Where(token => !detachNames.Contains(token.Value)))
            start.ArgumentList.Add(token.Value);
        start.Environment["GITORCH_UP_LOG"] = UpPidFile.LogPath;
        start.Environment["NO_COLOR"] = "1";
        return start;
    }
}
