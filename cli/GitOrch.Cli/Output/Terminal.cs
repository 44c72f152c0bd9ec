using Spectre.Console;

namespace GitOrch.Cli.Output;

/// <summary>
/// What the output is: Spectre's tables and live displays only on a terminal, colour only there and only
/// when <c>NO_COLOR</c> is not set; scripts and pipes get plain text.
/// </summary>
public static class Terminal
{
    // Captured before anything swaps Console.Out: up's live view sends logs to a file that way.
    private static readonly TextWriter ProcessStdout = Console.Out;

    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, ProcessStdout) && !Console.IsOutputRedirected;

    public static bool UsesColor(TextWriter output) =>
        IsInteractive(output) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>A Spectre console for a terminal (tables, the live view, spinners); callers check <see cref="IsInteractive"/> first.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter output)
    {
        var color = UsesColor(output);
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
    }
}
