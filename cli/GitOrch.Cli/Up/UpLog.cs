namespace GitOrch.Cli.Up;

/// <summary>
/// Sends what the loggers write to the console into a file while the live view owns the terminal.
/// The console logger writes through <see cref="Console.Out"/>, so swapping it is enough; the live view
/// keeps the terminal's writer it was given before the swap.
/// </summary>
public sealed class UpLog : IDisposable
{
    private readonly TextWriter _terminal = Console.Out;
    private readonly StreamWriter _file;

    private UpLog(string path)
    {
        _file = new StreamWriter(path, append: true) { AutoFlush = true };
        Console.SetOut(_file);
    }

    public static UpLog Redirect(string path) => new(path);

    public void Dispose()
    {
        Console.SetOut(_terminal);
        _file.Dispose();
    }
}
