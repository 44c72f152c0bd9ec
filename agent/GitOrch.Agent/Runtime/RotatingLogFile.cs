namespace GitOrch.Agent.Runtime;

/// <summary>
/// A process container's output: lines appended to <c>NAME.ATTEMPT.log</c>; past the size limit the file
/// moves to <c>.1</c> (replacing the one before) and writing starts afresh, so a chatty process cannot fill the disk.
/// </summary>
public sealed class RotatingLogFile : IDisposable
{
    public const long DefaultLimit = 10 << 20;

    private readonly long _limit;
    private StreamWriter _writer;

    public RotatingLogFile(string path, long limit = DefaultLimit)
    {
        Path = path;
        _limit = limit;
        _writer = Open();
    }

    public string Path { get; }

    public void WriteLine(string line)
    {
        lock (this)
        {
            _writer.WriteLine(line);
            if (_writer.BaseStream.Length < _limit) return;
            _writer.Dispose();
            File.Move(Path, Path + ".1", overwrite: true);
            _writer = Open();
        }
    }

    /// <summary>The last <paramref name="tail"/> lines (all when null), the rotated file's first.</summary>
    public static IEnumerable<string> Read(string path, int? tail)
    {
        var lines = new[] { path + ".1", path }.Where(File.Exists)
            .SelectMany(file => File.ReadAllLines(file));
        return tail is { } count ? lines.TakeLast(count) : lines;
    }

    public void Dispose()
    {
        lock (this) _writer.Dispose();
    }

    private StreamWriter Open() => new(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)) { AutoFlush = true };
}
