using System.Text;
using System.Text.Json.Nodes;
using GitOrch.Api.Serialization;

namespace GitOrch.Engine.Charts.Repositories;

/// <summary>An HTTP chart repository, as helm repo serves one: an index.yaml that lists each chart's versions, digests and archive URLs.</summary>
internal sealed class IndexRepository(RepositoryHttp http, ChartCache cache)
{
    public ChartArchive Fetch(ChartSource source)
    {
        var baseUrl = new Uri(source.Repository.EndsWith('/') ? source.Repository : source.Repository + "/");
        var index = Index(baseUrl, source);
        var entries = index["entries"]?[source.Chart] as JsonArray
                      ?? throw new ChartRepositoryException($"{source.Repository}: no chart named {source.Chart} in index.yaml");
        var entry = ChartVersions.Newest(entries.OfType<JsonObject>().Select(item => (item["version"]?.ToString() ?? "", item)), source);
        var version = entry["version"]!.ToString();
        var digest = entry["digest"]?.ToString()?.ToLowerInvariant() ?? "";
        if (cache.Archive(digest) is { } kept) return new ChartArchive(source.Chart, version, digest, kept);

        var url = (entry["urls"] as JsonArray)?.FirstOrDefault()?.ToString()
                  ?? throw new ChartRepositoryException($"{source.Repository}: {source.Chart} {version} has no urls in index.yaml");
        return cache.KeepArchive(source, version, http.Get(new Uri(baseUrl, url), source), digest, "index.yaml");
    }

    private JsonObject Index(Uri baseUrl, ChartSource source)
    {
        var url = new Uri(baseUrl, "index.yaml");
        var text = Encoding.UTF8.GetString(cache.Document(url, () => http.Get(url, source)));
        try
        {
            return ValuesYaml.Parse(url.AbsoluteUri, text);
        }
        catch (ManifestException e)
        {
            throw new ChartRepositoryException($"{url} is not a chart repository index: {e.Problem}");
        }
    }
}
