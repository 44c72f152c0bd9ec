using System.Diagnostics;

namespace GitOrch.TestSupport;

/// <summary>A temporary Git repository driven through the real git command line.</summary>
public sealed class GitRepository : IDisposable
{
    public GitRepository()
    {
        Path = Directory.CreateTempSubdirectory("gitorch-repo-").FullName;
        Git("init", "-q", "-b", "main");
        Git("config", "user.email", "dev@example.com");
        Git("config", "user.name", "Dev");
    }

    public string Path { get; }

    public string Commit(string message, params (string File, string? Content)[] files)
    {
        foreach (var (file, content) in files)
        {
            var full = System.IO.Path.Combine(Path, file);
            if (content is null)
                Git("rm", "-q", file);
            else
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content);
                Git("add", file);
            }
        }
        Git("commit", "-q", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
        return output;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
