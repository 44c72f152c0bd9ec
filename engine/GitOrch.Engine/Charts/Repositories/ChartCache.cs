using System.Security.Cryptography;
using System.Text;

namespace GitOrch.Engine.Charts.Repositories;

/// <summary>
/// The folder that keeps chart archives by their sha256, and the last answer to each index, tag list and
/// manifest request, so that a chart fetched once renders again, the same bytes, when its repository is gone.
/// </summary>
internal sealed class ChartCache(string folder)
{
    public byte[]? Archive(string digest)
    {
        var path = ArchivePath(digest);
        return digest.Length > 0 && File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>
    /// Keeps a downloaded archive under its sha256, once it matches the digest its repository states
    /// (none: any); the error names the repository, the chart and where the digest came from.
    /// </summary>
    public ChartArchive KeepArchive(ChartSource source, string version, byte[] bytes, string stated, string statedBy)
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (stated.Length > 0 && digest != stated)
            throw new ChartRepositoryException($"{source.Repository}: {source.Chart} {version}: the archive's sha256 is {digest}, but {statedBy} says {stated}");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(ArchivePath(digest), bytes);
        return new ChartArchive(source.Chart, version, digest, bytes);
    }

    /// <summary>
    /// What <paramref name="fetch"/> answers for the URL, kept; the kept answer when the repository cannot
    /// be reached. A repository that answers, refusing the credentials say, is not stood in for.
    /// </summary>
    public byte[] Document(Uri url, Func<byte[]> fetch)
    {
        var kept = Path.Combine(folder, $"document-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri)))[..24]}");
        try
        {
            var answer = fetch();
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(kept, answer);
            return answer;
        }
        catch (ChartRepositoryException e) when (e.Unreachable && File.Exists(kept))
        {
            return File.ReadAllBytes(kept);
        }
    }

    private string ArchivePath(string digest) => Path.Combine(folder, $"{digest}.tgz");
}
