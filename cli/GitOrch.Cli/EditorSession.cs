using System.Diagnostics;

namespace GitOrch.Cli;

/// <summary>
/// Runs the user's editor (<c>GITORCH_EDITOR</c>, else <c>EDITOR</c>, else vi) on a temporary copy of a
/// file, at a line where the editor understands <c>+LINE</c>, and reads back what was saved.
/// </summary>
public sealed class EditorSession : IDisposable
{
    private static readonly string[] TakesLine = ["vi", "vim", "nvim", "nano", "emacs", "micro", "kak"];
    private const string ErrorMarker = "# gitorch edit: ";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gitorch-edit-");
    private readonly string _file;

    public EditorSession(string fileName) => _file = Path.Combine(_folder.FullName, fileName);

    /// <summary>Opens <paramref name="text"/>, with the error above it as comments when there is one; returns the saved text without them.</summary>
    public string Edit(string text, long line, string? error)
    {
        var header = error is null ? "" : string.Concat(error.Split('\n').Select(problem => $"{ErrorMarker}{problem}\n")) + $"{ErrorMarker}fix the file below, or leave it as it was to cancel\n";
        File.WriteAllText(_file, header + text);
        var editor = Environment.GetEnvironmentVariable("GITORCH_EDITOR") ?? Environment.GetEnvironmentVariable("EDITOR") ?? "vi";
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", $"{editor} \"$@\"", "sh" }) start.ArgumentList.Add(argument);
        if (TakesLine.Contains(Path.GetFileName(editor.Split(' ')[0]))) start.ArgumentList.Add($"+{line + header.Count(c => c == '\n')}");
        start.ArgumentList.Add(_file);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new ArgumentException($"the editor ({editor}) exited with code {process.ExitCode}; nothing was committed");
        var saved = File.ReadAllText(_file);
        while (saved.StartsWith(ErrorMarker, StringComparison.Ordinal))
            saved = saved.IndexOf('\n') is >= 0 and var end ? saved[(end + 1)..] : "";
        return saved;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
