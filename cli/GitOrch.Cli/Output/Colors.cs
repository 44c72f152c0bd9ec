namespace GitOrch.Cli.Output;

/// <summary>ANSI colour, only on a terminal and only when NO_COLOR is not set.</summary>
public sealed class Colors(bool enabled)
{
    public static Colors For(TextWriter output) =>
        new(ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    public string Red(string text) => Paint(text, "31");
    public string Green(string text) => Paint(text, "32");
    public string Cyan(string text) => Paint(text, "36");
    public string Bold(string text) => Paint(text, "1");

    private string Paint(string text, string code) => enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
