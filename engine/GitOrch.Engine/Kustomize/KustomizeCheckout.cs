using LibGit2Sharp;

namespace GitOrch.Engine.Kustomize;

/// <summary>
/// The part of a commit kustomize reads, written to a temporary directory (kustomize reads files from
/// disk): only the folders and files the roots being rendered read, each once, so a commit that changes
/// one overlay writes that overlay and its bases, not the whole repository. Links are left out.
/// </summary>
public sealed class KustomizeCheckout(Commit commit) : IDisposable
{
    private readonly List<string> _written = [];
    private string? _directory;

    /// <summary>Writes what is not written yet of <paramref name="paths"/> (repository paths; "" is the whole tree) and returns the directory.</summary>
    public string With(IEnumerable<string> paths)
    {
        _directory ??= Directory.CreateTempSubdirectory("gitorch-kustomize-").FullName;
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            if (_written.Any(done => done.Length == 0 || path == done || path.StartsWith(done + "/", StringComparison.Ordinal))) continue;
            var target = path.Length == 0 ? commit.Tree : commit[path]?.Target;
            var destination = Path.Combine(_directory, path);
            if (target is Tree tree) Write(tree, destination);
            else if (target is Blob blob) WriteFile(blob, destination);
            _written.Add(path);
        }
        return _directory;
    }

    public void Dispose()
    {
        if (_directory is not null) Directory.Delete(_directory, recursive: true);
    }

    private static void Write(Tree tree, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var entry in tree)
        {
            var path = Path.Combine(directory, entry.Name);
            if (entry.Target is Tree subtree) Write(subtree, path);
            else if (entry.Target is Blob blob && entry.Mode != Mode.SymbolicLink) WriteFile(blob, path);
        }
    }

    private static void WriteFile(Blob blob, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var content = blob.GetContentStream();
        content.CopyTo(file);
    }
}
