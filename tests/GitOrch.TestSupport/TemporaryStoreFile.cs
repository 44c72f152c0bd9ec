namespace GitOrch.TestSupport;

/// <summary>A path for an embedded store file in the temporary folder; disposing deletes the file and its WAL companions.</summary>
public sealed class TemporaryStoreFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gitorch-store-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in Directory.GetFiles(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path) + "*")) File.Delete(file);
    }
}
