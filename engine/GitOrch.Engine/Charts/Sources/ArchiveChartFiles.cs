using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace GitOrch.Engine.Charts.Sources;

/// <summary>
/// A chart packed as helm package packs it: a gzipped tar whose files sit under one folder named after
/// the chart. It is read whole into memory, up to a limit, and paths that would leave it are refused.
/// </summary>
public sealed class ArchiveChartFiles : IChartFiles
{
    public const long SizeLimit = 64L * 1024 * 1024;

    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public ArchiveChartFiles(string root, byte[] archive)
    {
        Root = root;
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        long total = 0;
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
            var parts = entry.Name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts.Any(part => part is ".." or ".")) throw new InvalidDataException($"{root}: the archive holds a path outside its chart: {entry.Name}");
            total += entry.Length;
            if (total > SizeLimit) throw new InvalidDataException($"{root}: the archive unpacks to more than {SizeLimit / 1024 / 1024} MiB");
            using var bytes = new MemoryStream();
            entry.DataStream.CopyTo(bytes);
            _files[string.Join('/', parts[1..])] = bytes.ToArray();
        }
    }

    public string Root { get; }

    public string? ReadText(string relativePath) => _files.TryGetValue(relativePath, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    public byte[]? ReadBytes(string relativePath) => _files.GetValueOrDefault(relativePath);

    public IReadOnlyList<string> ListFiles(string relativeFolder) =>
        _files.Keys.Where(path => path.StartsWith(relativeFolder.TrimEnd('/') + "/", StringComparison.Ordinal) && !path[(relativeFolder.TrimEnd('/').Length + 1)..].Contains('/'))
            .Select(path => path[(path.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> ListAllFiles() => _files.Keys.Order(StringComparer.Ordinal).ToList();
}
