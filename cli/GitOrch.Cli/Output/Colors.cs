namespace GitOrch.Cli.Output;

/// <summary>ANSI colour for lines printed as they come, on the same terms as tables (see <see cref="Terminal"/>).</summary>
public sealed class Colors(bool enabled)
{
    public static Colors For(TextWriter output) => new(Terminal.UsesColor(output));

    public string Red(string text) => Paint(text, "31");
    public string Green(string text) => Paint(text, "32");
    public string Yellow(string text) => Paint(text, "33");
    public string Cyan(string text) => Paint(text, "36");
    public string Bold(string text) => Paint(text, "1");

    private string Paint(string text, string code) => enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
