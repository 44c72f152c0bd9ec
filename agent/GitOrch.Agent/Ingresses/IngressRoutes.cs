using GitOrch.Api.Model;

namespace GitOrch.Agent.Ingresses;

/// <summary>
/// Picks the Service backend for a request from the Ingresses this node serves, as Kubernetes
/// defines it: rules for the exact host first, then a one-label wildcard (<c>*.example.com</c>), then
/// rules without a host; among their paths the longest match wins, Exact before Prefix. Prefix (and
/// ImplementationSpecific) match whole path segments: <c>/api</c> matches <c>/api/v1</c>, not
/// <c>/apis</c>. Without a match, the first Ingress's defaultBackend, by namespace and name.
/// </summary>
public sealed class IngressRoutes(IReadOnlyList<Ingress> ingresses)
{
    public sealed record Route(Ingress Ingress, IngressServiceBackend Backend);

    public Route? Match(string host, string path)
    {
        host = host.Split(':')[0].TrimEnd('.').ToLowerInvariant();
        var ordered = ingresses.OrderBy(i => i.Namespace, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
        foreach (var hostMatches in new Func<string?, bool>[] { h => h == host, h => IsWildcardFor(h, host), h => h is null })
        {
            var candidates = ordered.SelectMany(ingress => (ingress.Spec.Rules ?? []).Where(rule => hostMatches(rule.Host?.ToLowerInvariant()))
                    .SelectMany(rule => rule.Http?.Paths ?? []).Select(entry => (Ingress: ingress, Entry: entry)))
                .Where(candidate => candidate.Entry.Backend.Service is not null && PathMatches(candidate.Entry, path))
                .OrderByDescending(candidate => (candidate.Entry.Path ?? "/").Length)
                .ThenBy(candidate => candidate.Entry.PathType == "Exact" ? 0 : 1)
                .ToList();
            if (candidates.Count > 0) return new Route(candidates[0].Ingress, candidates[0].Entry.Backend.Service!);
        }
        return ordered.FirstOrDefault(i => i.Spec.DefaultBackend?.Service is not null) is { } fallback
            ? new Route(fallback, fallback.Spec.DefaultBackend!.Service!)
            : null;
    }

    private static bool IsWildcardFor(string? pattern, string host) =>
        pattern is not null && pattern.StartsWith("*.", StringComparison.Ordinal)
        && host.EndsWith(pattern[1..], StringComparison.Ordinal) && !host[..^(pattern.Length - 1)].Contains('.') && host.Length > pattern.Length - 1;

    private static bool PathMatches(HttpIngressPath entry, string path)
    {
        var wanted = entry.Path ?? "/";
        if (entry.PathType == "Exact") return path == wanted;
        var prefix = wanted.TrimEnd('/');
        return prefix.Length == 0 || path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal);
    }
}
