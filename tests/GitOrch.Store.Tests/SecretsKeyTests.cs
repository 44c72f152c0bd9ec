using GitOrch.Store.Encryption;

namespace GitOrch.Store.Tests;

/// <summary>Key files are written whole or not at all, so processes that open a fresh store at the same moment share one key; rotation keeps the old keys.</summary>
public sealed class SecretsKeyTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("gitorch-keys-");

    [Fact]
    public async Task APrivateFile_IsNeverSeenHalfWritten_ByAReaderAtTheSameMoment()
    {
        var text = new string('k', 4 << 20);
        for (var round = 0; round < 5; round++)
        {
            var path = Path.Combine(_directory.FullName, $"key-{round}");
            using var written = new CancellationTokenSource();
            var reader = Task.Run(() =>
            {
                var seen = new List<int>();
                while (!written.IsCancellationRequested || seen.Count == 0)
                    if (File.Exists(path)) seen.Add(File.ReadAllText(path).Length);
                return seen;
            });
            Assert.True(PrivateFile.TryCreate(path, text));
            await written.CancelAsync();
            Assert.All(await reader, length => Assert.Equal(text.Length, length));
            Assert.False(PrivateFile.TryCreate(path, "another"));
        }
        Assert.Empty(_directory.GetFiles("*.tmp"));
    }

    [Fact]
    public void Rotate_PutsANewKeyFirst_AndKeepsTheOldOnesForReading()
    {
        var path = Path.Combine(_directory.FullName, "secrets.key");
        SecretsKey.Create(path);
        var first = SecretsKey.Load(path).Current;

        var ring = SecretsKey.Rotate(path);

        Assert.Equal(2, ring.All.Count);
        Assert.NotEqual(first, ring.Current);
        Assert.Equal(first, ring.All[1]);
        Assert.Throws<IOException>(() => SecretsKey.Create(path));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
