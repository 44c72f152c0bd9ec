using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOrch.Engine.Charts.Repositories;

/// <summary>
/// Charts kept in an OCI registry, as helm push stores them: a tag per version (with '+' written as
/// '_'), and a manifest whose chart layer is the archive. oci://HOST/PATH with chart NAME is the
/// registry's repository PATH/NAME.
/// </summary>
internal sealed class OciRegistry(RepositoryHttp http, ChartCache cache)
{
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";
    private const string ChartLayerType = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    public ChartArchive Fetch(ChartSource source)
    {
        var reference = source.Repository["oci://".Length..].TrimEnd('/');
        var slash = reference.IndexOf('/');
        var host = slash < 0 ? reference : reference[..slash];
        var path = slash < 0 ? source.Chart : $"{reference[(slash + 1)..]}/{source.Chart}";
        var api = new Uri($"{(source.PlainHttp ? "http" : "https")}://{host}/v2/{path}/");

        var tag = ChartVersions.Newest(Tags(api, source).Select(tag => (tag.Replace('_', '+'), tag)), source);
        var manifestUrl = new Uri(api, $"manifests/{tag}");
        var manifest = Json(cache.Document(manifestUrl, () => http.Get(manifestUrl, source, ManifestType)), manifestUrl);
        var layer = (manifest["layers"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(item => item["mediaType"]?.ToString() == ChartLayerType)
                    ?? throw new ChartRepositoryException($"{source.Repository}: {path}:{tag} is not a Helm chart: its manifest has no {ChartLayerType} layer");
        var digest = layer["digest"]?.ToString() ?? "";
        if (!digest.StartsWith("sha256:", StringComparison.Ordinal))
            throw new ChartRepositoryException($"{source.Repository}: {path}:{tag}: the chart layer's digest \"{digest}\" is not a sha256");
        var version = tag.Replace('_', '+');
        var hex = digest["sha256:".Length..].ToLowerInvariant();
        if (cache.Archive(hex) is { } kept) return new ChartArchive(source.Chart, version, hex, kept);

        return cache.KeepArchive(source, version, http.Get(new Uri(api, $"blobs/{digest}"), source), hex, $"the manifest of {path}:{tag}");
    }

    private IEnumerable<string> Tags(Uri api, ChartSource source)
    {
        var url = new Uri(api, "tags/list");
        var tags = Json(cache.Document(url, () => http.Get(url, source)), url)["tags"] as JsonArray;
        return tags?.Select(tag => tag?.ToString()).OfType<string>() ?? [];
    }

    private static JsonObject Json(byte[] body, Uri url)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            throw new ChartRepositoryException($"GET {url} answered something other than a registry's JSON: {e.Message}");
        }
    }
}
