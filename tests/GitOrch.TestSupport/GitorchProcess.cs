using System.Diagnostics;
using System.Text;

namespace GitOrch.TestSupport;

/// <summary>The result of one finished gitorch command.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error);

/// <summary>A finished command with the most memory it held at once and how long it ran.</summary>
public sealed record MeasuredResult(CommandResult Result, long PeakMemoryBytes, TimeSpan Elapsed);

/// <summary>Runs the built gitorch executable as a separate process, as a user would.</summary>
public sealed class GitorchProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GitorchProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, line) => { lock (_output) _output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (_output) _output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public int Id => _process.Id;

    /// <summary>Starts a long-running verb such as server, agent or up.</summary>
    public static GitorchProcess Start(string home, params string[] arguments) => new(Process.Start(StartInfo(home, arguments))!);

    /// <summary>Starts a verb with extra environment variables, such as a fault to inject.</summary>
    public static GitorchProcess Start(string home, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = StartInfo(home, arguments);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new GitorchProcess(Process.Start(start)!);
    }

    /// <summary>Starts a long-running verb inside a network namespace, as on another machine (nsenter, so that /sys stays as Docker needs it).</summary>
    public static GitorchProcess StartInNamespace(string netns, string home, params string[] arguments)
    {
        var start = StartInfo(home, arguments);
        start.FileName = "nsenter";
        start.ArgumentList.Insert(0, $"--net=/var/run/netns/{netns}");
        start.ArgumentList.Insert(1, "dotnet");
        return new GitorchProcess(Process.Start(start)!);
    }

    /// <summary>Runs a verb to completion.</summary>
    public static Task<CommandResult> RunAsync(string home, params string[] arguments) => RunToEndAsync(StartInfo(home, arguments), TimeSpan.FromSeconds(60));

    /// <summary>
    /// Runs a verb to completion under GNU time, which reports the process's peak resident memory;
    /// a run that outlives <paramref name="limit"/> is killed and fails the test.
    /// </summary>
    public static async Task<MeasuredResult> RunMeasuredAsync(string home, TimeSpan limit, params string[] arguments)
    {
        var report = System.IO.Path.GetTempFileName();
        try
        {
            var start = StartInfo(home, arguments);
            start.FileName = "/usr/bin/time";
            foreach (var (index, argument) in new[] { "-o", report, "-f", "%M", "dotnet" }.Index())
                start.ArgumentList.Insert(index, argument);
            var clock = Stopwatch.StartNew();
            var result = await RunToEndAsync(start, limit);
            // GNU time writes "Command exited with non-zero status N" first when the command fails.
            var peakKilobytes = long.Parse(File.ReadAllLines(report).Last(line => line.Length > 0));
            return new MeasuredResult(result, peakKilobytes * 1024, clock.Elapsed);
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static async Task<CommandResult> RunToEndAsync(ProcessStartInfo start, TimeSpan limit)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gitorch {string.Join(' ', start.ArgumentList.SkipWhile(argument => !argument.EndsWith("gitorch.dll")).Skip(1))} ran longer than {limit}");
        }
        return new CommandResult(process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(string home, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [GitorchDll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GITORCH_HOME"] = home;
        start.Environment["NO_COLOR"] = "1";
        // Many servers run at once in the suite; only the dashboard's own tests serve one, each on its own port.
        start.Environment["GITORCH_DASHBOARD_LISTEN"] = "off";
        start.Environment.Remove("GITORCH_STORE");
        return start;
    }

    private static string GitorchDll => System.IO.Path.Combine(AppContext.BaseDirectory, "gitorch.dll");

    /// <summary>Waits for a verb started with <see cref="Start"/> to finish; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Ends the process at once, with no chance to clean up, as a crash or power loss would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Stops the process with SIGTERM, so it cleans up, and kills it if it does not exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signals.Terminate(_process.Id);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }
}
