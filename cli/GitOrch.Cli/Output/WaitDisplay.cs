using System.Diagnostics;
using Spectre.Console;

namespace GitOrch.Cli.Output;

/// <summary>
/// Shows that a wait is alive once it passes a second: a spinner with the elapsed time on a terminal,
/// otherwise a line on stderr every ten seconds, so pipes and CI logs stay clean but never look hung.
/// </summary>
public static class WaitDisplay
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(TextWriter output, TextWriter progress, string what, Func<Task> work) =>
        await RunAsync(output, progress, what, async () => { await work(); return true; });

    public static async Task<T> RunAsync<T>(TextWriter output, TextWriter progress, string what, Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        var task = work();
        if (await Task.WhenAny(task, Task.Delay(Quiet)) == task) return await task;

        if (Terminal.IsInteractive(output))
        {
            await Terminal.ConsoleFor(output).Status().StartAsync(what, async context =>
            {
                while (await Task.WhenAny(task, Task.Delay(200)) != task)
                    context.Status($"{Markup.Escape(what)} ({clock.Elapsed.TotalSeconds:0}s)");
            });
            return await task;
        }
        await progress.WriteLineAsync($"{what}…");
        while (await Task.WhenAny(task, Task.Delay(LogEvery)) != task)
            await progress.WriteLineAsync($"{what}… {clock.Elapsed.TotalSeconds:0}s");
        return await task;
    }
}
