namespace GitOrch.Engine.Charts.Repositories;

/// <summary>A user name and password for a chart repository or registry, from the Secret a ChartRelease names.</summary>
public sealed record RepositoryCredentials(string Username, string Password);

/// <summary>
/// Where a ChartRelease takes its chart: an HTTP chart repository's URL, or an OCI registry as
/// oci://HOST/PATH; the chart's name in it; and a version constraint (null for the newest release).
/// </summary>
public sealed record ChartSource(string Repository, string Chart, string? Constraint)
{
    public RepositoryCredentials? Credentials { get; init; }

    /// <summary>Talk to an OCI registry over HTTP rather than HTTPS, as helm's --plain-http does.</summary>
    public bool PlainHttp { get; init; }

    public bool IsOci => Repository.StartsWith("oci://", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A chart as a repository serves it: the version picked, the sha256 of its archive, and the archive's bytes.</summary>
public sealed record ChartArchive(string Name, string Version, string Digest, byte[] Bytes);

/// <param name="unreachable">The repository did not answer, or answered with a server error: what a kept answer may stand in for.</param>
public sealed class ChartRepositoryException(string message, bool unreachable = false) : Exception(message)
{
    public bool Unreachable { get; } = unreachable;
}
