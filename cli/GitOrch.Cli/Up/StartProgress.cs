using System.Diagnostics;

namespace GitOrch.Cli.Up;

/// <summary>
/// <c>up</c>'s start-up steps on a terminal, one line each as it finishes ("opening the store… done, 12 ms"),
/// so a slow daemon or store shows where it waits. Off a terminal the logs say the same.
/// </summary>
public sealed class StartProgress(TextWriter output, bool visible)
{
    public async Task<T> StepAsync<T>(string what, Func<Task<T>> step)
    {
        if (!visible) return await step();
        await output.WriteAsync($"{what}… ");
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await step();
            await output.WriteLineAsync($"done, {clock.ElapsedMilliseconds:N0} ms");
            return result;
        }
        catch
        {
            await output.WriteLineAsync("failed");
            throw;
        }
    }
}
