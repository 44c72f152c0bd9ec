using Spectre.Console;

namespace GitOrch.Cli.Output;

/// <summary>
/// What the output is: colour and live displays only on a terminal and only when <c>NO_COLOR</c> is not
/// set; otherwise plain text at unlimited width, so scripts and pipes get every column whole.
/// </summary>
public static class Terminal
{
    // Captured before anything swaps Console.Out: up's live view sends logs to a file that way.
    private static readonly TextWriter ProcessStdout = Console.Out;

    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, ProcessStdout) && !Console.IsOutputRedirected;

    public static bool UsesColor(TextWriter output) =>
        IsInteractive(output) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <param name="target">Where to write, when not straight to <paramref name="output"/>, whose kind decides colour and width.</param>
    public static IAnsiConsole ConsoleFor(TextWriter output, TextWriter? target = null)
    {
        var color = UsesColor(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsInteractive(output) ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(target ?? output),
        });
        if (!IsInteractive(output)) console.Profile.Width = int.MaxValue / 2;
        return console;
    }
}
