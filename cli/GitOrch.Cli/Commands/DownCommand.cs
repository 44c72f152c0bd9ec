using System.CommandLine;
using System.Diagnostics;
using GitOrch.Cli.Output;
using GitOrch.Cli.Up;
using GitOrch.Engine;

namespace GitOrch.Cli.Commands;

/// <summary><c>gitorch down</c>: stop the <c>gitorch up</c> running in this home, detached or not, as Ctrl-C would.</summary>
public static class DownCommand
{
    public static Command Create(TextWriter output)
    {
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long to wait for it to stop", DefaultValueFactory = _ => TimeSpan.FromSeconds(60) };
        var command = new Command("down", "Stop the 'gitorch up' started here (for example with --detach)") { timeout };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            if (UpPidFile.RunningPid() is not { } pid)
            {
                await output.WriteLineAsync("gitorch up is not running here; nothing to stop");
                return ExitCodes.Success;
            }
            ProcessSignals.Terminate(pid);
            var waited = Stopwatch.StartNew();
            await WaitDisplay.RunAsync(output, parse.InvocationConfiguration.Error, $"stopping gitorch up (pid {pid})", async () =>
            {
                while (LocalProcesses.IsRunning(pid) && waited.Elapsed < parse.GetValue(timeout))
                    await Task.Delay(100, cancellationToken);
            });
            if (LocalProcesses.IsRunning(pid))
                throw new TimeoutException($"gitorch up (pid {pid}) did not stop within {parse.GetValue(timeout)}; see {UpPidFile.LogPath}");
            await output.WriteLineAsync($"stopped gitorch up (pid {pid}) in {waited.Elapsed.TotalSeconds:0.0}s");
            return ExitCodes.Success;
        });
        return command;
    }
}
