using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;
using GitOrch.Engine.Charts.Sprig;
using GitOrch.Store;

namespace GitOrch.Engine.Charts.Repositories;

/// <summary>A chart as a repository serves it: the version picked, the digest of its archive, and the archive's bytes.</summary>
public sealed record ChartArchive(string Name, string Version, string Digest, byte[] Bytes);

/// <summary>
/// Charts from an HTTP chart repository (an index.yaml and .tgz archives), as helm repo serves them.
/// The newest version that meets the constraint is picked; archives are checked against the index's
/// digest and kept by digest, and each repository's index is kept too, so a commit that rendered once
/// renders the same bytes again when the repository is gone.
/// </summary>
public sealed class ChartRepository(string cacheFolder, HttpClient? http = null)
{
    private static readonly HttpClient SharedHttp = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly HttpClient _http = http ?? SharedHttp;

    /// <summary>How long a pick stands before the index is read again: a sync every few seconds does not fetch it every time.</summary>
    private static readonly TimeSpan PickLifetime = TimeSpan.FromMinutes(1);

    private static readonly ConcurrentDictionary<string, ChartRepository> ByCache = new();

    private readonly ConcurrentDictionary<(string Repository, string Chart, string? Constraint), (ChartArchive Archive, DateTimeOffset Until)> _picks = new();

    /// <summary>The repositories' cache in gitorch's home, one instance per home so that its picks are kept between loads.</summary>
    public static ChartRepository Default => ByCache.GetOrAdd(Path.Combine(StoreLocator.Home, "charts"), folder => new ChartRepository(folder));

    /// <exception cref="ChartRepositoryException">The index or the archive cannot be had, no version fits, or the archive's digest is wrong.</exception>
    public ChartArchive Fetch(string repository, string chart, string? constraint)
    {
        var key = (repository, chart, constraint);
        if (_picks.TryGetValue(key, out var pick) && pick.Until > DateTimeOffset.UtcNow) return pick.Archive;
        var archive = FetchNow(repository, chart, constraint);
        _picks[key] = (archive, DateTimeOffset.UtcNow + PickLifetime);
        return archive;
    }

    private ChartArchive FetchNow(string repository, string chart, string? constraint)
    {
        var baseUrl = repository.EndsWith('/') ? repository : repository + "/";
        var index = Index(baseUrl);
        var (version, entry) = Pick(index, chart, constraint, repository);
        var digest = entry["digest"]?.ToString() ?? "";
        var cached = Path.Combine(cacheFolder, $"{digest}.tgz");
        if (digest.Length > 0 && File.Exists(cached)) return new ChartArchive(chart, version, digest, File.ReadAllBytes(cached));

        var url = (entry["urls"] as JsonArray)?.FirstOrDefault()?.ToString()
            ?? throw new ChartRepositoryException($"{repository}: {chart} {version} has no urls in index.yaml");
        var bytes = Download(new Uri(new Uri(baseUrl), url), repository);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (digest.Length > 0 && !string.Equals(actual, digest, StringComparison.OrdinalIgnoreCase))
            throw new ChartRepositoryException($"{repository}: {chart} {version}: the archive's sha256 is {actual}, but index.yaml says {digest}");
        Directory.CreateDirectory(cacheFolder);
        File.WriteAllBytes(Path.Combine(cacheFolder, $"{actual}.tgz"), bytes);
        return new ChartArchive(chart, version, actual, bytes);
    }

    /// <summary>The repository's index, fetched and kept; the kept one when the repository does not answer.</summary>
    private JsonObject Index(string baseUrl)
    {
        var kept = Path.Combine(cacheFolder, $"index-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(baseUrl)))[..16]}.yaml");
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Download(new Uri(new Uri(baseUrl), "index.yaml"), baseUrl));
            Directory.CreateDirectory(cacheFolder);
            File.WriteAllText(kept, text);
        }
        catch (ChartRepositoryException) when (File.Exists(kept))
        {
            text = File.ReadAllText(kept);
        }
        try
        {
            return ValuesYaml.Parse($"{baseUrl}index.yaml", text);
        }
        catch (ManifestException e)
        {
            throw new ChartRepositoryException($"{baseUrl}index.yaml is not a chart repository index: {e.Problem}");
        }
    }

    private static (string Version, JsonObject Entry) Pick(JsonObject index, string chart, string? constraint, string repository)
    {
        var entries = (index["entries"]?[chart] as JsonArray ?? throw new ChartRepositoryException($"{repository}: no chart named {chart} in index.yaml"))
            .OfType<JsonObject>()
            .Select(entry => (Entry: entry, Version: SemanticVersion.TryParse(entry["version"]?.ToString() ?? "")))
            .Where(candidate => candidate.Version is not null)
            .ToList();
        bool Fits(SemanticVersion version) => constraint is { Length: > 0 } wanted
            ? SemanticVersion.Satisfies(wanted, version)
            : version.Prerelease.Length == 0;
        try
        {
            var fitting = entries.Where(candidate => Fits(candidate.Version!)).ToList();
            if (fitting.Count == 0)
                throw new ChartRepositoryException($"{repository}: no version of {chart} meets \"{constraint}\"; it has {string.Join(", ", entries.Select(e => e.Version))}");
            var best = fitting.MaxBy(candidate => candidate.Version)!;
            return (best.Entry["version"]!.ToString(), best.Entry);
        }
        catch (FormatException e)
        {
            throw new ChartRepositoryException($"spec.version \"{constraint}\": {e.Message}");
        }
    }

    private byte[] Download(Uri url, string repository)
    {
        try
        {
            using var response = _http.Send(new HttpRequestMessage(HttpMethod.Get, url));
            if (!response.IsSuccessStatusCode) throw new ChartRepositoryException($"{repository}: GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            using var body = response.Content.ReadAsStream();
            using var bytes = new MemoryStream();
            body.CopyTo(bytes);
            return bytes.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new ChartRepositoryException($"{repository}: GET {url} failed: {e.Message}");
        }
    }
}

public sealed class ChartRepositoryException(string message) : Exception(message);
