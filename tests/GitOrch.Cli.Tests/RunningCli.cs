using GitOrch.TestSupport;

namespace GitOrch.Cli.Tests;

/// <summary>A verb that runs until it is cancelled, such as <c>get -w</c>: a test waits on its output, then stops it.</summary>
public sealed class RunningCli
{
    private readonly StringWriter _output = new();
    private readonly TextWriter _synchronized;
    private readonly StringWriter _error = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _running;

    public RunningCli(Func<TextWriter, TextWriter, CancellationToken, Task<int>> run)
    {
        _synchronized = TextWriter.Synchronized(_output);
        _running = run(_synchronized, _error, _stop.Token);
    }

    /// <summary>The output so far; the synchronized writer locks on itself, so reading under that lock never sees half a line.</summary>
    private string Output()
    {
        lock (_synchronized) return _output.ToString();
    }

    public Task WaitForOutputAsync(Func<string, bool> done, string what) =>
        Eventually.WaitAsync(() => Task.FromResult(Output()), done, TimeSpan.FromSeconds(30), what);

    /// <summary>A verb that ends by itself, such as <c>wait</c>: its result once it has.</summary>
    public async Task<CliResult> EndedAsync()
    {
        var code = await _running.WaitAsync(TimeSpan.FromMinutes(2));
        return new CliResult(code, Output(), _error.ToString());
    }

    public async Task<CliResult> StopAsync()
    {
        await _stop.CancelAsync();
        var code = await _running;
        _stop.Dispose();
        return new CliResult(code, Output(), _error.ToString());
    }
}
